package supervisor

import (
	"os"
	"os/exec"
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

func TestGoroutinePanicIsReportedAndNextCellRuns(t *testing.T) {
	s, _ := newTestSupervisor(t, time.Second)
	ev := run(s, "1", `go func() { panic("x") }(); select {}`)
	if ev.Status != ipc.StatusError || ev.Error.Name != "panic" || ev.Error.Value != "x" && !strings.HasPrefix(ev.Error.Value, "x ") {
		t.Fatalf("got %+v", ev.Error)
	}
	tb := strings.Join(ev.Error.Traceback, "\n")
	if !strings.Contains(tb, "goroutine") || !strings.HasSuffix(tb, "exit status 2") {
		t.Errorf("traceback does not read like Go's:\n%s", tb)
	}
	if ev := run(s, "2", "1 + 1"); ev.Status != ipc.StatusOK || ev.Data["text/plain"] != "2" {
		t.Fatalf("next cell: %+v %v", ev.Error, ev.Data)
	}
}

func TestCrashWhileIdleIsReportedToLastCell(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	run(s, "1", `import "time"`)
	if ev := run(s, "2", `go func() { time.Sleep(100 * time.Millisecond); panic("late") }()`); ev.Status != ipc.StatusOK {
		t.Fatalf("cell 2: %v", ev.Error)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(evs.text("2"), "panic: late") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := evs.text("2"); !strings.Contains(got, "panic: late") || !strings.Contains(got, "restarted") {
		t.Fatalf("cell 2's stderr: %q", got)
	}
	if ev := run(s, "3", "2 * 21"); ev.Data["text/plain"] != "42" {
		t.Fatalf("after the crash: %+v %v", ev.Error, ev.Data)
	}
}

func TestInterruptStopsCellKeepsState(t *testing.T) {
	s, _ := newTestSupervisor(t, 2*time.Second)
	run(s, "1", "x := 7")
	for _, code := range []string{"for {}", "select {}"} {
		done := make(chan *ipc.Event)
		go func() { done <- run(s, "loop", code) }()
		time.Sleep(300 * time.Millisecond)
		t0 := time.Now()
		s.Interrupt()
		select {
		case ev := <-done:
			if ev.Status != ipc.StatusError || ev.Error.Name != "interrupt" {
				t.Errorf("%s: got %+v", code, ev.Error)
			}
			if d := time.Since(t0); d > time.Second {
				t.Errorf("%s: stopped after %v", code, d)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: not interrupted", code)
		}
		if ev := run(s, "after", "x"); ev.Data["text/plain"] != "7" {
			t.Errorf("after interrupting %s: x = %v (%v)", code, ev.Data, ev.Error)
		}
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
