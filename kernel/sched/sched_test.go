package sched

import (
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCurrentFollowsGoroutinesStartedAnyWay(t *testing.T) {
	tr := NewTracker()
	a, b := tr.NewCell("a", 1), tr.NewCell("b", 2)
	if tr.Current() != nil {
		t.Fatal("the test goroutine belongs to a cell before Enter")
	}
	got := make(chan *Cell, 3)
	run := func(c *Cell, body func()) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			tr.Enter(c)
			body()
		}()
		<-done
	}
	run(a, func() {
		go func() { got <- tr.Current() }() // a plain go statement, as yaegi starts goroutines
		tr.Go(func() { got <- tr.Current() })
	})
	run(b, func() { got <- tr.Current() })
	want := map[*Cell]int{a: 2, b: 1}
	for range 3 {
		want[<-got]--
	}
	for c, n := range want {
		if n != 0 {
			t.Errorf("cell %v seen %d times too few", c, n)
		}
	}
}

func TestGoRecoversPanicAndReportsCell(t *testing.T) {
	tr := NewTracker()
	type report struct {
		c *Cell
		v any
	}
	reports := make(chan report, 1)
	var stack string
	tr.OnPanic = func(c *Cell, v any, s []byte) { stack = string(s); reports <- report{c, v} }
	c := tr.NewCell("x", 3)
	tr.Enter(c)
	defer tr.Leave()
	// The runtime prints labels in stacks while a dump is being taken
	// (stacks.All): make it print them all along.
	t.Setenv("GODEBUG", "tracebacklabels=1")
	tr.Go(func() { panic("boom") })
	select {
	case r := <-reports:
		if r.c != c || r.v != "boom" {
			t.Fatalf("reported %v in %v", r.v, r.c)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("panic not reported")
	}
	if head, _, _ := strings.Cut(stack, "\n"); !strings.HasPrefix(head, "goroutine ") || !strings.HasSuffix(head, " [running]:") {
		t.Errorf("stack given to OnPanic starts %q", head)
	}
}

func TestStopEndsOnlyThatCellsGoroutines(t *testing.T) {
	tr := NewTracker()
	tr.OnPanic = func(c *Cell, v any, stack []byte) { t.Errorf("unexpected panic %v", v) }
	old, cur := tr.NewCell("old", 1), tr.NewCell("cur", 2)
	var ticks [2]int64
	var mu sync.Mutex
	for i, c := range []*Cell{old, cur} {
		done := make(chan struct{})
		go func() {
			tr.Enter(c)
			tr.Go(func() { // a busy loop with Poll, as the front-end rewrites loops
				for {
					tr.Poll()
					mu.Lock()
					ticks[i]++
					mu.Unlock()
					time.Sleep(time.Millisecond)
				}
			})
			tr.Go(func() { tr.Sleep(time.Hour) })
			tr.Go(func() { tr.Block() })
			close(done)
		}()
		<-done
	}
	if old.Running() != 3 || cur.Running() != 3 {
		t.Fatalf("running: old %d, cur %d", old.Running(), cur.Running())
	}
	tr.Stop(cur)
	eventually(t, "the stopped cell's goroutines to end", func() bool { return cur.Running() == 0 })
	tick := func() int64 {
		mu.Lock()
		defer mu.Unlock()
		return ticks[0]
	}
	before := tick()
	eventually(t, "the earlier cell's loop to go on", func() bool { return tick() > before })
	if old.Running() != 3 {
		t.Fatalf("the earlier cell's goroutines stopped too (running %d)", old.Running())
	}
	if live := tr.Live(); len(live) != 1 || live[0] != old {
		t.Errorf("Live() = %v", live)
	}
	tr.Stop(old)
}

func TestPollIsCheapWhenNothingIsStopped(t *testing.T) {
	tr := NewTracker()
	c := tr.NewCell("c", 1)
	tr.Enter(c)
	defer tr.Leave()
	allocs := testing.AllocsPerRun(1000, tr.Poll)
	if allocs != 0 {
		t.Errorf("Poll allocates %v", allocs)
	}
}

func BenchmarkPoll(b *testing.B) {
	tr := NewTracker()
	tr.Enter(tr.NewCell("c", 1))
	defer tr.Leave()
	for b.Loop() {
		tr.Poll()
	}
}
