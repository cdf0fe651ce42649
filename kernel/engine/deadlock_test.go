package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

// watchedSession runs cells one after another in one engine as the worker
// does: each in a goroutine of its own cell, with the deadlock watch; a
// deadlock stops the cell, and a wait only the interpreter can end is
// cancelled after a grace period.
type watchedSession struct {
	t     *testing.T
	tr    *sched.Tracker
	e     *Engine
	count int
}

func newWatchedSession(t *testing.T) *watchedSession {
	out, errc := newCapture(t), newCapture(t)
	t.Cleanup(func() { out.w.Close(); errc.w.Close() })
	tr := sched.NewTracker()
	e, err := New(Options{Stdout: out.w, Stderr: errc.w, Tracker: tr})
	if err != nil {
		t.Fatal(err)
	}
	return &watchedSession{t: t, tr: tr, e: e}
}

// run runs code as the next cell; a deadlock is its error.
func (s *watchedSession) run(code string) Result {
	s.count++
	cell := s.tr.NewCell(fmt.Sprintf("watched-%s-%d", s.t.Name(), s.count), s.count)
	defer s.tr.Forget(cell)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results := make(chan Result, 1)
	go s.tr.Run(cell, func() { results <- s.e.Execute(ctx, code) })
	deadlock := s.tr.WatchDeadlock(ctx, 100*time.Millisecond, 3)
	var stopped *outcome.Error
	var grace <-chan time.Time
	hang := time.NewTimer(time.Minute) // a bound against a hang, not a measure
	defer hang.Stop()
	for {
		select {
		case r := <-results:
			if stopped != nil {
				r = Result{Err: stopped}
			}
			return r
		case parked := <-deadlock:
			stopped = sched.DeadlockError(parked)
			s.tr.Stop(cell)
			grace = time.After(500 * time.Millisecond)
		case <-grace:
			cancel() // the cell waits in compiled code: only the interpreter can end it
		case <-hang.C:
			s.t.Fatalf("In[%d] did not end in a minute", s.count)
		}
	}
}

// A deadlock in goroutines that errgroup (compiled code) started is
// reported as Go reports it: the cell's goroutine first, in errgroup's Go
// at the cell's line, then the workers at their send; stopping them does
// not end the process, and the session keeps its variables.
func TestDeadlockInCompiledCodeKeepsTheSession(t *testing.T) {
	s := newWatchedSession(t)
	if r := s.run("kept := 42"); r.Err != nil {
		t.Fatal(r.Err)
	}
	tests := []struct {
		name, code string
		main       []string // the first goroutine's lines after its header
		worker     string   // every other goroutine's function and position
		workers    int
	}{
		{"errgroup with a limit", `import (
	"context"
	"golang.org/x/sync/errgroup"
)
func fetch(i int) int { return i * i }
g, _ := errgroup.WithContext(context.Background())
g.SetLimit(5)
results := make(chan int)
for i := 0; i < 30; i++ {
	g.Go(func() error {
		results <- fetch(i)
		return nil
	})
}
g.Wait()`, []string{"golang.org/x/sync/errgroup.(*Group).Go(...)", "\t?", "main.main(...)", "\tIn[%d]:10"}, "main.main.func1(...)\n\tIn[%d]:11", 5},
		{"semaphore", `import (
	"context"
	"golang.org/x/sync/semaphore"
)
sem := semaphore.NewWeighted(5)
res := make(chan int)
for i := 0; i < 30; i++ {
	sem.Acquire(context.Background(), 1)
	go func() {
		defer sem.Release(1)
		res <- i
	}()
}`, []string{"golang.org/x/sync/semaphore.(*Weighted).Acquire(...)", "\t?", "main.main(...)", "\tIn[%d]:8"}, "main.main.func1(...)\n\tIn[%d]:11", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.run(tt.code)
			if r.Err == nil || r.Err.Value != "all goroutines are asleep - deadlock!" {
				t.Fatalf("In[%d]: %+v, want the deadlock", s.count, r.Err)
			}
			tb := r.Err.Traceback
			var main []string
			for _, l := range tt.main {
				main = append(main, strings.ReplaceAll(l, "%d", fmt.Sprint(s.count)))
			}
			if len(tb) < 3+len(main) || !strings.HasPrefix(tb[2], "goroutine ") || strings.Join(tb[3:3+len(main)], "\n") != strings.Join(main, "\n") {
				t.Errorf("the cell's goroutine is not first, where it waits:\n%s", strings.Join(tb, "\n"))
			}
			report := strings.Join(tb, "\n")
			if n := strings.Count(report, strings.ReplaceAll(tt.worker, "%d", fmt.Sprint(s.count))); n != tt.workers {
				t.Errorf("%d workers at %q, want %d:\n%s", n, tt.worker, tt.workers, report)
			}
			if n := strings.Count(report, "goroutine "); n != 1+tt.workers {
				t.Errorf("%d goroutines, want %d:\n%s", n, 1+tt.workers, report)
			}
			after := s.run("kept")
			if after.Err != nil || after.Data["text/plain"] != "42" {
				t.Errorf("after the deadlock, kept: %+v %v", after.Data, after.Err)
			}
		})
	}
}
