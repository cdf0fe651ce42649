package timeline

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/sched/stacks"
	xtrace "golang.org/x/exp/trace"
)

func stack(funcs ...string) xtrace.Stack {
	var fr []xtrace.StackFrame
	for i, f := range funcs {
		fr = append(fr, xtrace.StackFrame{PC: uint64(i + 1), Func: f, File: "x.go", Line: 1})
	}
	return xtrace.MakeStack(fr)
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		to     xtrace.GoState
		reason string
		stack  xtrace.Stack
		state  State
		why    Reason
		ok     bool
	}{
		{xtrace.GoRunning, "", xtrace.NoStack, Running, "", true},
		{xtrace.GoRunnable, "preempted", xtrace.NoStack, Runnable, "", true},
		{xtrace.GoRunnable, "runtime.Gosched", xtrace.NoStack, Runnable, "", true},
		{xtrace.GoSyscall, "", xtrace.NoStack, Blocked, Syscall, true},
		{xtrace.GoWaiting, "chan send", xtrace.NoStack, Blocked, ChanSend, true},
		{xtrace.GoWaiting, "chan receive", xtrace.NoStack, Blocked, ChanRecv, true},
		{xtrace.GoWaiting, "select", xtrace.NoStack, Blocked, Select, true},
		{xtrace.GoWaiting, "sleep", xtrace.NoStack, Blocked, Sleep, true},
		{xtrace.GoWaiting, "sync", stack("sync.(*Mutex).Lock", "main.f"), Blocked, Mutex, true},
		{xtrace.GoWaiting, "sync", stack("internal/sync.runtime_SemacquireMutex", "internal/sync.(*Mutex).lockSlow", "sync.(*Mutex).Lock"), Blocked, Mutex, true},
		{xtrace.GoWaiting, "sync", stack("sync.runtime_SemacquireRWMutexR", "sync.(*RWMutex).RLock", "main.f"), Blocked, Mutex, true},
		{xtrace.GoWaiting, "sync", stack("sync.runtime_SemacquireWaitGroup", "sync.(*WaitGroup).Wait", "main.f"), Blocked, Sync, true},
		{xtrace.GoWaiting, "sync.(*Cond).Wait", xtrace.NoStack, Blocked, Sync, true},
		{xtrace.GoWaiting, "network", xtrace.NoStack, Blocked, IO, true},
		{xtrace.GoWaiting, "GC mark assist wait for work", xtrace.NoStack, Blocked, GC, true},
		{xtrace.GoWaiting, "wait until GC ends", xtrace.NoStack, Blocked, GC, true},
		{xtrace.GoWaiting, "preempted", xtrace.NoStack, Blocked, GC, true},
		{xtrace.GoWaiting, "forever", xtrace.NoStack, Blocked, Forever, true},
		{xtrace.GoWaiting, "", xtrace.NoStack, Blocked, Unknown, true},
		{xtrace.GoWaiting, "sync.Mutex.Lock", xtrace.NoStack, Blocked, Mutex, true}, // a traceback's wait reason
		{xtrace.GoWaiting, "select (no cases)", xtrace.NoStack, Blocked, Forever, true},
		{xtrace.GoWaiting, "system goroutine wait", xtrace.NoStack, Blocked, Other, true},
		{xtrace.GoNotExist, "", xtrace.NoStack, 0, "", false},
	} {
		s, why, ok := classify(tc.to, tc.reason, tc.stack)
		if s != tc.state || why != tc.why || ok != tc.ok {
			t.Errorf("classify(%v, %q) = %v %q %v, want %v %q %v", tc.to, tc.reason, s, why, ok, tc.state, tc.why, tc.ok)
		}
	}
	// every reason has a style, and the styles name distinct reasons
	seen := map[Reason]bool{}
	for _, row := range transitions {
		if row.state == Blocked && styleOf(row.why).why != row.why {
			t.Errorf("reason %q has no style", row.why)
		}
	}
	for _, st := range reasonStyles {
		if seen[st.why] {
			t.Errorf("reason %q styled twice", st.why)
		}
		seen[st.why] = true
	}
}

func TestParseTraceback(t *testing.T) {
	tb := `goroutine 19 [running labels:{"gokernel.cell": "x\"y", "gokernel.count": "3"}]:
main.TestStackFmt(0x1047fa69c488?)
	/work/st_test.go:10 +0x166
testing.tRunner(0x1047fa69c488, 0x5dd028)
	/usr/local/go/src/testing/testing.go:2036 +0xea
created by testing.(*T).Run in goroutine 1
	/usr/local/go/src/testing/testing.go:2101 +0x4c5

goroutine 1 [chan receive]:
main.main()
	/work/main.go:48 +0x9b

goroutine 20 [chan receive, locked to thread labels:{"k": "v"}]:
main.f.func1()
	/work/st_test.go:7 +0x19
created by main.f in goroutine 19
	/work/st_test.go:7 +0x56
`
	s := snapshotOf(stacks.Parse([]byte(tb)))
	if len(s) != 3 {
		t.Fatalf("%d goroutines, want 3: %v", len(s), s)
	}
	g := s[19]
	if g.labels["gokernel.cell"] != `x"y` || g.labels["gokernel.count"] != "3" || len(g.labels) != 2 {
		t.Errorf("labels %v", g.labels)
	}
	if g.entry != "testing.tRunner" || g.created.Func != "testing.(*T).Run" || g.created.Line != 2101 || g.parent != 1 {
		t.Errorf("G19 %+v", g)
	}
	if g.status != "running" || s[1].status != "chan receive" || s[20].status != "chan receive" {
		t.Errorf("statuses %q %q %q", g.status, s[1].status, s[20].status)
	}
	if s[1].labels != nil || s[1].entry != "main.main" || s[1].created.Func != "" {
		t.Errorf("G1 %+v", s[1])
	}
	if s[20].labels["k"] != "v" || s[20].created.File != "/work/st_test.go" || s[20].parent != 19 {
		t.Errorf("G20 %+v", s[20])
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"}, {850, "850 ns"}, {12500, "12.5 µs"}, {3020000, "3.02 ms"}, {123400000, "123 ms"}, {1250 * time.Millisecond, "1.25 s"},
	} {
		if got := Dur(tc.d); got != tc.want {
			t.Errorf("Dur(%d) = %q, want %q", tc.d, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v, step, end time.Duration
		want         string
	}{
		{0, time.Millisecond, 10 * time.Millisecond, "0"},
		{1500 * time.Microsecond, 500 * time.Microsecond, 2 * time.Millisecond, "1.5 ms"},
		{time.Millisecond, 500 * time.Microsecond, 2 * time.Millisecond, "1 ms"},
		{200 * time.Microsecond, 100 * time.Microsecond, 900 * time.Microsecond, "200 µs"},
		{2 * time.Second, time.Second, 3 * time.Second, "2 s"},
		{400 * time.Millisecond, 200 * time.Millisecond, time.Second, "0.4 s"},
		{50, 10, 90, "50 ns"},
	} {
		if got := tickLabel(tc.v, tc.step, tc.end); got != tc.want {
			t.Errorf("tickLabel(%d, %d, %d) = %q, want %q", tc.v, tc.step, tc.end, got, tc.want)
		}
	}
	for _, tc := range []struct {
		d    time.Duration
		n    int
		want time.Duration
	}{
		{time.Second, 8, 200 * time.Millisecond}, {24 * time.Millisecond, 8, 5 * time.Millisecond}, {1000, 10, 100},
	} {
		if got := niceStep(tc.d, tc.n); got != tc.want {
			t.Errorf("niceStep(%v, %d) = %v, want %v", tc.d, tc.n, got, tc.want)
		}
	}
	if groupInt(9995) != "9,995" || groupInt(1234567) != "1,234,567" || groupInt(12) != "12" {
		t.Errorf("groupInt")
	}
}

func TestSummary(t *testing.T) {
	ms := time.Millisecond
	tr := &Trace{Duration: 10 * ms, GOMAXPROCS: 2, Caller: 1, Goroutines: []*Goroutine{
		{ID: 1, Caller: true, Func: "main.main", Spans: []Span{
			{0, 1 * ms, Running, "", "", 0}, {1 * ms, 10 * ms, Blocked, Sync, "sync", -1}}},
		{ID: 7, Func: "main.worker", Where: "main.main main.go:9", Spans: []Span{
			{1 * ms, 2 * ms, Runnable, "", "", -1}, {2 * ms, 5 * ms, Running, "", "", 1},
			{5 * ms, 9 * ms, Blocked, ChanRecv, "chan receive", -1}}},
	}}
	html, text := Summary(tr)
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 4 {
		t.Fatalf("text table:\n%s", text)
	}
	for _, want := range []string{"running", "runnable", "blocked", "chan receive", "sync"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("header %q lacks %q", lines[1], want)
		}
	}
	if !strings.Contains(lines[3], "G7 worker") && !strings.Contains(lines[3], "G7 main.worker") {
		t.Errorf("row %q", lines[3])
	}
	for _, want := range []string{"3 ms", "1 ms", "4 ms", "main.go:9"} {
		if !strings.Contains(lines[3], want) {
			t.Errorf("row %q lacks %q", lines[3], want)
		}
	}
	if strings.Contains(text, " \n") {
		t.Errorf("trailing spaces in the text table")
	}
	var table struct {
		Rows []struct {
			Cells []string `xml:"td"`
		} `xml:"tbody>tr"`
	}
	if err := xml.Unmarshal([]byte(html), &table); err != nil {
		t.Fatalf("HTML table does not parse: %v\n%s", err, html)
	}
	if len(table.Rows) != 2 || table.Rows[1].Cells[2] != "3 ms" || table.Rows[1].Cells[4] != "4 ms" {
		t.Errorf("HTML rows %+v", table.Rows)
	}
}
