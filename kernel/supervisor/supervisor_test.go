package supervisor

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/worker"
)

// The test binary doubles as the worker: with this variable set, TestMain
// serves fd 3 and 4 as "gokernel worker" does.
const workerEnv = "GOKERNEL_SUPERVISOR_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) == "1" {
		if err := worker.Run(os.NewFile(3, "req"), os.NewFile(4, "ev")); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type events struct {
	mu  sync.Mutex
	evs []*ipc.Event
}

func (e *events) sink(ev *ipc.Event) { e.mu.Lock(); e.evs = append(e.evs, ev); e.mu.Unlock() }
func (e *events) text(id string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b strings.Builder
	for _, ev := range e.evs {
		if ev.ID == id {
			b.WriteString(ev.Text)
		}
	}
	return b.String()
}

func newTestSupervisor(t *testing.T, grace time.Duration) (*Supervisor, *events) {
	t.Helper()
	evs := &events{}
	s := New(Options{
		InterruptGrace: grace,
		Command: func() *exec.Cmd {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), workerEnv+"=1")
			return cmd
		},
		Log: func(string, ...any) {},
	}, evs.sink)
	t.Cleanup(s.Close)
	return s, evs
}

func run(s *Supervisor, id, code string) *ipc.Event {
	return s.Execute(&ipc.Request{Op: ipc.OpExecute, ID: id, Code: code})
}

func TestCellsShareStateAndOutput(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	for _, c := range []struct{ id, code string }{{"1", `import "fmt"`}, {"2", "x := 40"}, {"3", `fmt.Println("hi", x)`}} {
		if ev := run(s, c.id, c.code); ev.Status != ipc.StatusOK {
			t.Fatalf("%s: %v", c.code, ev.Error)
		}
	}
	if got := evs.text("3"); got != "hi 40\n" {
		t.Errorf("output of cell 3: %q", got)
	}
	if ev := run(s, "4", "x + 2"); ev.Data["text/plain"] != "42" {
		t.Errorf("x + 2 = %v", ev.Data)
	}
}

// hang bounds every wait of these tests: it only ends a test that would
// otherwise hang, far beyond what any step takes on a loaded machine.
const hang = 20 * time.Second

// waitFor polls cond until it holds, or fails the test after hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hang)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitStarted waits until the worker has said it began running cell id
// (EvStarted), so that an interrupt is for a running cell.
func waitStarted(t *testing.T, s *Supervisor, id string) {
	t.Helper()
	waitFor(t, "cell "+id+" to start", func() bool {
		s.mu.Lock()
		p := s.cur
		s.mu.Unlock()
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.started[id]
	})
}

// runAsync runs a cell in the background; wait returns its EvDone, or
// fails the test if the cell has not ended after hang.
func runAsync(t *testing.T, s *Supervisor, id, code string) (wait func() *ipc.Event) {
	done := make(chan *ipc.Event, 1)
	go func() { done <- run(s, id, code) }()
	return func() *ipc.Event {
		t.Helper()
		select {
		case ev := <-done:
			return ev
		case <-time.After(hang):
			t.Fatalf("cell %s (%q) did not end", id, code)
			return nil
		}
	}
}

func TestGoroutinePanicIsRecovered(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	run(s, "1", "x := 5")
	if ev := run(s, "2", `go func() { panic("x") }()`); ev.Status != ipc.StatusOK {
		t.Fatalf("cell 2: %+v", ev.Error)
	}
	waitFor(t, "the panic report", func() bool { return strings.Contains(evs.text("2"), "panic: x") })
	if got := evs.text("2"); !strings.Contains(got, "goroutine") || !strings.Contains(got, "started in In[") {
		t.Errorf("report does not read like Go's:\n%s", got)
	}
	if ev := run(s, "3", "x + 1"); ev.Data["text/plain"] != "6" {
		t.Fatalf("after the panic: %+v %v", ev.Error, ev.Data)
	}
}

const overflow = "func down(n int) int { return down(n+1) + 1 }"

func TestFatalErrorRestartsAndRestores(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	for i, code := range []string{`import "strings"`, "y := 1", "func shout() string { return strings.ToUpper(\"ok\") }", overflow} {
		if ev := run(s, fmt.Sprint(i), code); ev.Status != ipc.StatusOK {
			t.Fatalf("%s: %+v", code, ev.Error)
		}
	}
	ev := s.Execute(&ipc.Request{Op: ipc.OpExecute, ID: "boom", Code: "down(0)", Count: 9})
	if ev.Status != ipc.StatusError || ev.Error.Name != "fatal error" || ev.Error.Value != "stack overflow" {
		t.Fatalf("got %+v", ev.Error)
	}
	tb := strings.Join(ev.Error.Traceback, "\n")
	if !strings.Contains(tb, "exit status 2") || !strings.Contains(tb, "lost: y") {
		t.Errorf("traceback:\n%s", tb)
	}
	if ev := run(s, "after", "shout()"); ev.Data["text/plain"] != `"OK"` {
		t.Errorf("restored func: %+v %v", ev.Error, ev.Data)
	}
	if ev := run(s, "lost", "y"); ev.Status != ipc.StatusError {
		t.Errorf("y survived a crash: %v", ev.Data)
	}
}

func TestCrashWhileIdleIsReportedToLastCell(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	// The goroutine crashes the worker once the test creates trigger,
	// after cell 3 has been answered: while no cell runs.
	trigger := filepath.Join(t.TempDir(), "crash-now")
	run(s, "1", `import ("os"; "time")`)
	run(s, "2", overflow)
	code := fmt.Sprintf("go func() {\n\tfor {\n\t\tif _, err := os.Stat(%q); err == nil {\n\t\t\tdown(0)\n\t\t}\n\t\ttime.Sleep(time.Millisecond)\n\t}\n}()", trigger)
	if ev := run(s, "3", code); ev.Status != ipc.StatusOK {
		t.Fatalf("cell 3: %v", ev.Error)
	}
	if err := os.WriteFile(trigger, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the crash report", func() bool { return strings.Contains(evs.text("3"), "fatal error: stack overflow") })
	if ev := run(s, "4", "2 * 21"); ev.Data["text/plain"] != "42" {
		t.Fatalf("after the crash: %+v %v", ev.Error, ev.Data)
	}
}

func TestExit(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	run(s, "1", `import "os"`)
	ev := run(s, "2", "os.Exit(3)")
	if ev.Status != ipc.StatusError || ev.Error.Value != "exit status 3" {
		t.Fatalf("os.Exit(3): %+v", ev.Error)
	}
	if ev := run(s, "3", "os.Exit(0)"); ev.Status != ipc.StatusOK {
		t.Fatalf("os.Exit(0): %+v", ev.Error)
	}
	if ev := run(s, "4", "1 + 1"); ev.Data["text/plain"] != "2" {
		t.Fatalf("after exit: %+v", ev.Error)
	}
}

func TestInterruptStopsCellKeepsStateAndOlderGoroutines(t *testing.T) {
	s, _ := newTestSupervisor(t, 2*time.Second)
	run(s, "1", `import "time"`)
	run(s, "2", "x := 7\nticks := 0\ngo func() { for { ticks++; time.Sleep(time.Millisecond) } }()")
	pid := s.PID()
	for _, code := range []string{"for {}", "select {}", "time.Sleep(time.Hour)", "<-make(chan int)"} {
		wait := runAsync(t, s, "loop", code)
		waitStarted(t, s, "loop")
		s.Interrupt()
		// The worker stops the cell itself: the supervisor's last resort,
		// killing it after the grace period, would lose x and say so.
		ev := wait()
		if ev.Status != ipc.StatusError || ev.Error.Name != "interrupt" {
			t.Errorf("%s: got %+v", code, ev.Error)
		}
		if s.PID() != pid {
			t.Fatalf("%s: the worker was replaced", code)
		}
		if ev := run(s, "after", "x"); ev.Data["text/plain"] != "7" {
			t.Errorf("after interrupting %s: x = %v (%v)", code, ev.Data, ev.Error)
		}
		// The earlier cell's goroutine still counts (within seconds, however loaded the machine).
		ev = run(s, "ticking", "func() bool {\n\tt0 := ticks\n\tfor i := 0; i < 5000 && ticks == t0; i++ {\n\t\ttime.Sleep(time.Millisecond)\n\t}\n\treturn ticks > t0\n}()")
		if ev.Data["text/plain"] != "true" {
			t.Errorf("after interrupting %s the earlier cell's goroutine stopped (%v %v)", code, ev.Data, ev.Error)
		}
	}
}

func TestDeadlockIsReported(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	tests := []struct{ name, code, state string }{
		{"send", "ch := make(chan int)\nch <- 1", "chan send"},
		{"waitgroup", "import \"sync\"\nvar wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()\n_ = 0", "sync.WaitGroup.Wait"},
		{"receive", "<-make(chan string)\n_ = 0", "chan receive"},
	}
	for _, tt := range tests {
		// A deadlock that went unnoticed would hang the cell: runAsync
		// fails the test after hang instead.
		ev := runAsync(t, s, tt.name, tt.code)()
		if ev.Status != ipc.StatusError || ev.Error.Name != "fatal error" || ev.Error.Value != "all goroutines are asleep - deadlock!" {
			t.Errorf("%s: got %+v", tt.name, ev.Error)
			continue
		}
		if tb := strings.Join(ev.Error.Traceback, "\n"); !strings.Contains(tb, " ["+tt.state+"]:\nmain.main(...)\n\tIn[") {
			t.Errorf("%s: traceback:\n%s", tt.name, tb)
		}
	}
	if ev := run(s, "timer", "import \"time\"\n<-time.After(1500 * time.Millisecond)\n1"); ev.Status != ipc.StatusOK {
		t.Errorf("a timer wait was called a deadlock: %+v", ev.Error)
	}
}

func TestStdinWithoutFrontendInput(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	run(s, "1", `import "fmt"`)
	ev := run(s, "2", "var name string\n_, err := fmt.Scanln(&name)\nerr")
	if ev.Status != ipc.StatusOK || !strings.Contains(fmt.Sprint(ev.Data["text/plain"]), "allow_stdin is false") {
		t.Fatalf("got %+v %v", ev.Error, ev.Data)
	}
}

func TestRestartGivesFreshInterpreter(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	run(s, "1", "y := 1")
	s.Restart()
	if ev := run(s, "2", "y"); ev.Status != ipc.StatusError {
		t.Fatalf("y survived a restart: %v", ev.Data)
	}
}

func TestWorkerThatCannotStart(t *testing.T) {
	evs := &events{}
	s := New(Options{Command: func() *exec.Cmd { return exec.Command("/nonexistent/gokernel-worker") },
		Log: func(string, ...any) {}}, evs.sink)
	defer s.Close()
	ev := run(s, "1", "1")
	if ev.Status != ipc.StatusError || !strings.Contains(ev.Error.Value, "starting worker") {
		t.Fatalf("got %+v", ev.Error)
	}
}

// An interrupt's last-resort kill is for the interrupted cell only: a cell
// that starts after the interrupted one stopped must not be killed by it.
func TestInterruptDoesNotKillTheNextCell(t *testing.T) {
	s, _ := newTestSupervisor(t, 500*time.Millisecond)
	run(s, "1", `import "time"`)
	wait := runAsync(t, s, "loop", "for {}")
	waitStarted(t, s, "loop")
	s.Interrupt()
	if ev := wait(); ev.Error == nil || ev.Error.Name != "interrupt" {
		t.Fatalf("loop: %+v", ev.Error)
	}
	// This cell outlasts the interrupt's grace period (500 ms): a kill
	// meant for the loop would end it.
	if ev := run(s, "sleep", "time.Sleep(time.Second)\n1"); ev.Status != ipc.StatusOK {
		t.Fatalf("the cell after the interrupted one was killed: %+v", ev.Error)
	}
}

// Interrupting while no cell runs stops the goroutines earlier cells left
// running, and says so under the last cell.
func TestInterruptWhileIdleStopsBackgroundGoroutines(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	run(s, "1", `import "time"`)
	run(s, "2", "n := 0\ngo func() { for { n++; time.Sleep(time.Millisecond) } }()")
	s.Interrupt()
	waitFor(t, "the report", func() bool { return strings.Contains(evs.text("2"), "stopped 1 background goroutine") })
	// n stops changing: still for 20 ms (the goroutine counted every
	// millisecond), within seconds — it may finish the iteration it was in.
	ev := run(s, "3", "func() bool {\n\tfor i := 0; i < 200; i++ {\n\t\ta := n\n\t\ttime.Sleep(20 * time.Millisecond)\n\t\tif n == a {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}()")
	if ev.Data["text/plain"] != "true" {
		t.Fatalf("the goroutine still runs: %v %v", ev.Data, ev.Error)
	}
}

// An interrupt that reaches the worker before the cell it was meant for has
// started stops that cell when it starts; the worker is not killed for it.
func TestInterruptBeforeTheCellStarts(t *testing.T) {
	s, _ := newTestSupervisor(t, 500*time.Millisecond)
	run(s, "1", "x := 3")
	wait := runAsync(t, s, "2", "for {}")
	// As soon as the cell is pending, before the worker may have started it.
	waitFor(t, "the cell to be pending", func() bool {
		s.mu.Lock()
		p := s.cur
		s.mu.Unlock()
		p.mu.Lock()
		defer p.mu.Unlock()
		return len(p.pending) > 0
	})
	s.Interrupt()
	if ev := wait(); ev.Error == nil || ev.Error.Name != "interrupt" {
		t.Fatalf("got %+v", ev.Error)
	}
	if ev := run(s, "3", "x"); ev.Data["text/plain"] != "3" {
		t.Fatalf("the worker lost its state: %v %+v", ev.Data, ev.Error)
	}
}

// After Close, a late cell is answered with an error instead of a panic.
func TestExecuteAfterClose(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	s.Close()
	if ev := run(s, "late", "1"); ev.Status != ipc.StatusError || ev.Error.Name != "shutdown" {
		t.Fatalf("got %+v", ev)
	}
}

// Goroutines started in a loop see their own iteration's values, however
// late they run: by argument, by the loop variable, by a variable of the
// loop body (yaegi keeps those in one slot; see the goroutines and
// loopframe passes).
func TestFanOutSeesEachIteration(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	run(s, "0", "import (\"sync\"; \"sync/atomic\")")
	const want = "2001000" // 1 + 2 + … + 2000
	for name, body := range map[string]string{
		"argument":      "go func(n int) { defer wg.Done(); atomic.AddInt64(&sum, int64(n)) }(i)",
		"loop variable": "go func() { defer wg.Done(); atomic.AddInt64(&sum, int64(i)) }()",
		"body variable": "n := i\n\t\tgo func() { defer wg.Done(); atomic.AddInt64(&sum, int64(n)) }()",
		"mutex":         "go func() { defer wg.Done(); mu.Lock(); sum += int64(i); mu.Unlock() }()",
	} {
		code := "func() int64 {\n\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex\n\t_ = &mu\n\tvar sum int64\n\tfor i := 1; i <= 2000; i++ {\n\t\twg.Add(1)\n\t\t" +
			body + "\n\t}\n\twg.Wait()\n\treturn sum\n}()"
		for k := 0; k < 3; k++ {
			if ev := run(s, name, code); ev.Data["text/plain"] != want {
				t.Errorf("%s: got %v (%v)", name, ev.Data["text/plain"], ev.Error)
				break
			}
		}
	}
}
