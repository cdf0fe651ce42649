package stacks

import (
	"reflect"
	"testing"
	"time"
)

// What runtime.Stack cannot be made to print in a test: a crash dump at
// GOTRACEBACK=system (gp=, fp=), minutes of waiting, the scan bit, a
// synctest bubble, an older runtime's "created by" and elision lines, a
// goroutine whose stack was not available, ancestors
// (GODEBUG=tracebackancestors), generic and method-value frames.
const crashDump = `goroutine 1 gp=0xc000002380 m=0 mp=0x5e4b40 [chan receive, 12 minutes, locked to thread labels:{"gokernel.cell": "9f2c", "gokernel.count": "3"}]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/proc.go:435 +0xce fp=0xc000067e58 sp=0xc000067e38 pc=0x43a0ee
main.Map[...](...)
	/tmp/x/main.go:12
main.(*T).wait-fm()
	/tmp/x/main.go:30 +0x25 fp=0xc000067f80 sp=0xc000067f58 pc=0x49a1c5
panic({0x4b9e20?, 0x5b6eb0?})
	/usr/local/go/src/runtime/panic.go:792 +0x132

goroutine 7 [select (scan)]:
main.worker()
	/tmp/x/main.go:40 +0x3d
...additional frames elided...
created by main.main
	/tmp/x/main.go:20 +0x4f

goroutine 8 [running]:
	goroutine running on other thread; stack unavailable
created by main.main in goroutine 1
	/tmp/x/main.go:21 +0x66

goroutine 9 [sleep (durable), synctest bubble 3]:
time.Sleep(0x3b9aca00)
	/usr/local/go/src/runtime/time.go:363 +0x165
created by main.main in goroutine 1
	/tmp/x/main.go:22 +0x7d
[originating from goroutine 1]:
main.main()
	/tmp/x/main.go:22 +0x7d

goroutine 10 [chan receive (durable)]:
main.f()
	/tmp/x/main.go:50 +0x1d
`

func TestParseEdgeCases(t *testing.T) {
	main := func(line int) *Frame { return &Frame{Func: "main.main", File: "/tmp/x/main.go", Line: line} }
	want := []Goroutine{
		{ID: 1, Status: "chan receive", Wait: 12 * time.Minute, Locked: true,
			Labels: map[string]string{"gokernel.cell": "9f2c", "gokernel.count": "3"},
			Frames: []Frame{
				{"runtime.gopark", "/usr/local/go/src/runtime/proc.go", 435},
				{"main.Map[...]", "/tmp/x/main.go", 12},
				{"main.(*T).wait-fm", "/tmp/x/main.go", 30},
				{"panic", "/usr/local/go/src/runtime/panic.go", 792},
			}},
		{ID: 7, Status: "select", Frames: []Frame{{"main.worker", "/tmp/x/main.go", 40}}, Elided: true,
			CreatedBy: main(20)},
		{ID: 8, Status: "running", CreatedBy: main(21), Creator: 1},
		{ID: 9, Status: "sleep", Frames: []Frame{{"time.Sleep", "/usr/local/go/src/runtime/time.go", 363}},
			CreatedBy: main(22), Creator: 1},
		{ID: 10, Status: "chan receive (durable)", Frames: []Frame{{"main.f", "/tmp/x/main.go", 50}}},
	}
	got := Parse([]byte(crashDump))
	if len(got) != len(want) {
		t.Fatalf("%d goroutines, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("goroutine %d:\n got %+v\nwant %+v", want[i].ID, got[i], want[i])
		}
	}
}

func TestParseIgnoresWhatIsNotADump(t *testing.T) {
	for _, text := range []string{
		"",
		"panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/x.go:3 +0x1\nexit status 2\n",
		"goroutine x [running]:\n",
		"goroutine 3 running:\n",
		"goroutine 4 [select]:\n\t/orphan.go:1\n",
	} {
		for _, g := range Parse([]byte(text)) {
			if g.ID == 0 || g.Status == "" {
				t.Errorf("Parse(%q): %+v", text, g)
			}
			for _, f := range g.Frames {
				if f.Func == "" {
					t.Errorf("Parse(%q): frame without a function %+v", text, f)
				}
			}
		}
	}
	if gs := Parse([]byte("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/x.go:3 +0x1\nexit status 2\n")); len(gs) != 1 || len(gs[0].Frames) != 1 {
		t.Errorf("a panic's output: %+v", gs)
	}
}

func TestEveryClassHasStatuses(t *testing.T) {
	seen := map[Class]bool{}
	for _, r := range reasons {
		if ClassOf(r.status) != r.class {
			t.Errorf("%q listed twice", r.status)
		}
		seen[r.class] = true
	}
	for c := Running; c <= Runtime; c++ {
		if !seen[c] {
			t.Errorf("class %d has no status", c)
		}
	}
	if ClassOf("waiting") != Unknown || ClassOf("") != Unknown {
		t.Error("a status the table does not list must be Unknown")
	}
}
