package stacks

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// waitFor polls cond until it holds or a deadline far beyond any scheduling
// delay passes.
func waitFor(t *testing.T, what string, cond func() bool, why ...func() string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			for _, w := range why {
				what += ": " + w()
			}
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

const caseLabel = "stacks.case"

// runs tells one run's goroutines from an earlier run's (-count), which may
// never have been released.
var runs atomic.Int64

// startLabelled runs block in a new goroutine labelled caseLabel=name.
func startLabelled(name string, block func()) {
	go func() {
		pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(caseLabel, name)))
		block()
	}()
}

// byLabel finds the goroutine labelled caseLabel=name.
func byLabel(gs []Goroutine, name string) (Goroutine, bool) {
	for _, g := range gs {
		if g.Labels[caseLabel] == name {
			return g, true
		}
	}
	return Goroutine{}, false
}

func selectOn(a, b chan int) {
	select {
	case <-a:
	case <-b:
	}
}

func spin(stop *atomic.Bool) {
	for !stop.Load() {
	}
}

func rec(n int, ch chan int) {
	if n == 0 {
		<-ch
		return
	}
	rec(n-1, ch)
}

// TestCapturedWaitReasons blocks a goroutine in each way Go names, dumps,
// and reads each one back. Each block func is one line, so the frame of the
// wait is on the line where the func starts. Goroutines blocked on a nil
// channel or in select {} cannot be released: they stay until the test
// binary exits.
func TestCapturedWaitReasons(t *testing.T) {
	run := fmt.Sprintf("#%d", runs.Add(1))
	ch, ch2, ch3 := make(chan int), make(chan int), make(chan int)
	var nilch chan int
	var mu, cmu sync.Mutex
	var rw, rw2 sync.RWMutex
	var wg sync.WaitGroup
	cond := sync.NewCond(&cmu)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var sp [2]int // a blocking pipe: a read of it stays in the system call
	if err := syscall.Pipe(sp[:]); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	mu.Lock()
	rw.Lock()
	rw2.RLock()
	wg.Add(1)

	tests := []struct {
		name   string
		block  func()
		status string
		class  Class
		locked bool
	}{
		{"chan receive", func() { <-ch }, "chan receive", Blocked, false},
		{"chan send", func() { ch2 <- 1 }, "chan send", Blocked, false},
		{"chan receive (nil chan)", func() { <-nilch }, "chan receive (nil chan)", Blocked, false},
		{"chan send (nil chan)", func() { nilch <- 1 }, "chan send (nil chan)", Blocked, false},
		{"select", func() { selectOn(ch, ch3) }, "select", Blocked, false},
		{"select (no cases)", func() { select {} }, "select (no cases)", Blocked, false},
		{"sync.Mutex.Lock", func() { mu.Lock(); mu.Unlock() }, "sync.Mutex.Lock", Blocked, false},
		{"sync.RWMutex.RLock", func() { rw.RLock(); rw.RUnlock() }, "sync.RWMutex.RLock", Blocked, false},
		{"sync.RWMutex.Lock", func() { rw2.Lock(); rw2.Unlock() }, "sync.RWMutex.Lock", Blocked, false},
		{"sync.WaitGroup.Wait", func() { wg.Wait() }, "sync.WaitGroup.Wait", Blocked, false},
		{"sync.Cond.Wait", func() { cmu.Lock(); cond.Wait(); cmu.Unlock() }, "sync.Cond.Wait", Blocked, false},
		{"sleep", func() { time.Sleep(time.Hour) }, "sleep", Sleeping, false},
		{"IO wait", func() { pr.Read(make([]byte, 1)) }, "IO wait", Syscall, false},
		{"syscall", func() { syscall.Read(sp[0], make([]byte, 1)) }, "syscall", Syscall, false},
		{"runnable", func() { spin(&stop) }, "runnable", Runnable, false},
		{"locked to thread", func() { runtime.LockOSThread(); <-ch }, "chan receive", Blocked, true},
	}
	for _, tt := range tests {
		startLabelled(tt.name+run, tt.block)
	}
	// A deep stack: the runtime prints its first and last frames only.
	startLabelled("deep"+run, func() { rec(300, ch) })

	var gs []Goroutine
	var missing []string
	waitFor(t, "every goroutine to reach its wait", func() bool {
		gs, missing = All(), nil
		for _, tt := range tests {
			if g, ok := byLabel(gs, tt.name+run); !ok || g.Status != tt.status {
				missing = append(missing, fmt.Sprintf("%s: %q", tt.name, g.Status))
			}
		}
		if g, ok := byLabel(gs, "deep"+run); !ok || g.Status != "chan receive" {
			missing = append(missing, fmt.Sprintf("deep: %q", g.Status))
		}
		return len(missing) == 0
	}, func() string { return strings.Join(missing, "; ") })
	me := gs[0]

	// Let go of what can be let go of.
	defer func() {
		close(ch)
		<-ch2
		mu.Unlock()
		rw.Unlock()
		rw2.RUnlock()
		wg.Done()
		cmu.Lock()
		cond.Broadcast()
		cmu.Unlock()
		pw.Close()
		syscall.Write(sp[1], []byte{0})
		stop.Store(true)
	}()

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := byLabel(gs, tt.name+run)
			if got := ClassOf(g.Status); got != tt.class {
				t.Errorf("ClassOf(%q) = %d, want %d", g.Status, got, tt.class)
			}
			if g.Locked != tt.locked {
				t.Errorf("Locked = %v", g.Locked)
			}
			if g.Wait != 0 {
				t.Errorf("Wait = %v (the runtime prints whole minutes only)", g.Wait)
			}
			fn := runtime.FuncForPC(reflect.ValueOf(tt.block).Pointer())
			file, line := fn.FileLine(fn.Entry())
			found := false
			for _, f := range g.Frames {
				found = found || f.Func == fn.Name() && f.File == file && f.Line == line
			}
			if !found {
				t.Errorf("no frame %s at %s:%d in\n%+v", fn.Name(), file, line, g.Frames)
			}
			if g.CreatedBy == nil || g.CreatedBy.Func != funcOf(startLabelled) || !strings.HasSuffix(g.CreatedBy.File, "capture_test.go") || g.CreatedBy.Line == 0 {
				t.Errorf("created by %+v", g.CreatedBy)
			}
			if g.Creator != me.ID {
				t.Errorf("creator %d, want the test's goroutine %d", g.Creator, me.ID)
			}
			if g.Elided {
				t.Errorf("a short stack is not elided")
			}
		})
	}

	if me.Status != "running" || ClassOf(me.Status) != Running || len(me.Frames) == 0 || me.Frames[0].Func != funcOf(All) {
		t.Errorf("the dumping goroutine: %+v", me)
	}
	if deep, _ := byLabel(gs, "deep"+run); !deep.Elided || len(deep.Frames) > 110 || deep.Frames[len(deep.Frames)-1].Func != funcOf(startLabelled)+".func1" {
		t.Errorf("deep stack: elided %v, %d frames, last %+v", deep.Elided, len(deep.Frames), deep.Frames[len(deep.Frames)-1])
	}
}

func funcOf(f any) string { return runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name() }

// TestCapturedLabels: label keys and values come back as they were set,
// whatever they hold.
func TestCapturedLabels(t *testing.T) {
	name := fmt.Sprintf("odd#%d", runs.Add(1))
	odd := "a \"quoted\" \\ value, with ]: and labels:{\"x\": \"y\"}\nnewline\ttab é 世 \x01"
	release := make(chan struct{})
	defer close(release)
	go func() {
		pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(caseLabel, name, "k,\"=", odd)))
		<-release
	}()
	var g Goroutine
	waitFor(t, "the labelled goroutine to wait", func() bool {
		var ok bool
		g, ok = byLabel(All(), name)
		return ok && g.Status == "chan receive"
	})
	if want := map[string]string{caseLabel: name, "k,\"=": odd}; !reflect.DeepEqual(g.Labels, want) {
		t.Errorf("labels %q, want %q", g.Labels, want)
	}
}

// TestAllPutsGODEBUGBack: the labels are on only for All's own dump.
func TestAllPutsGODEBUGBack(t *testing.T) {
	old, had := os.LookupEnv("GODEBUG")
	defer func() {
		if had {
			os.Setenv("GODEBUG", old)
		} else {
			os.Unsetenv("GODEBUG")
		}
	}()
	os.Unsetenv("GODEBUG")
	All()
	if v, ok := os.LookupEnv("GODEBUG"); ok {
		t.Errorf("GODEBUG left set: %q", v)
	}
	for _, v := range []string{"panicnil=1", "tracebacklabels=1", "tracebacklabels=1,panicnil=0"} {
		os.Setenv("GODEBUG", v)
		All()
		if got := os.Getenv("GODEBUG"); got != v {
			t.Errorf("GODEBUG %q became %q", v, got)
		}
	}
	os.Unsetenv("GODEBUG")
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(caseLabel, "me")))
	defer pprof.SetGoroutineLabels(context.Background())
	if s := string(debug.Stack()); strings.Contains(s, "labels:") {
		t.Errorf("labels outside All:\n%s", s)
	}
	if g := All()[0]; g.Labels[caseLabel] != "me" {
		t.Errorf("All does not see the caller's labels: %+v", g)
	}
}

func TestWithoutLabels(t *testing.T) {
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(caseLabel, "panicking]: {x}")))
	defer pprof.SetGoroutineLabels(context.Background())
	restore := labelsOn()
	stack := debug.Stack()
	restore()
	head, rest, _ := strings.Cut(string(stack), "\n")
	if !strings.Contains(head, ` labels:{"stacks.case": "panicking]: {x}"}]:`) {
		t.Fatalf("no labels in %q", head)
	}
	clean := string(WithoutLabels(stack))
	cleanHead, cleanRest, _ := strings.Cut(clean, "\n")
	if !strings.HasPrefix(cleanHead, "goroutine ") || !strings.HasSuffix(cleanHead, " [running]:") || cleanRest != rest {
		t.Errorf("WithoutLabels:\n%s", clean)
	}
	if s := []byte("goroutine 1 [running]:\nmain.main()\n"); &WithoutLabels(s)[0] != &s[0] {
		t.Errorf("a stack without labels is copied")
	}
}
