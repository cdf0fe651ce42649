package sched

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// startIn runs body in a new goroutine that belongs to cell c.
func startIn(tr *Tracker, c *Cell, body func()) {
	go func() {
		defer func() { recover() }() // Interrupted, after Stop
		tr.Enter(c)
		body()
	}()
}

// cellIDs makes every test cell's id unique, as execute_request ids are:
// Goroutines knows a goroutine's cell by its id, and goroutines of earlier
// runs (-count) may still sleep.
var cellIDs atomic.Int64

func newCell(tr *Tracker, name string, count int) *Cell {
	return tr.NewCell(fmt.Sprintf("%s#%d", name, cellIDs.Add(1)), count)
}

// eventually polls cond until it holds, or fails the test after a deadline
// far beyond any scheduling delay of a loaded machine.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// reasonsOf are the sorted wait reasons of cell c's goroutines.
func reasonsOf(tr *Tracker, c *Cell) []string {
	var out []string
	for _, g := range tr.Goroutines() {
		if g.Cell == c {
			out = append(out, g.Reason)
		}
	}
	slices.Sort(out)
	return out
}

func TestDeadlockDetected(t *testing.T) {
	tests := []struct {
		name  string
		start func(tr *Tracker, release <-chan struct{})
		state string
	}{
		{"receive nobody sends", func(tr *Tracker, r <-chan struct{}) {
			ch := make(chan int)
			select {
			case <-ch:
			case <-r:
			}
		}, "select"},
		{"plain receive", func(tr *Tracker, r <-chan struct{}) {
			ch := make(chan int)
			go func() { <-r; ch <- 1 }()
			<-ch
		}, "chan receive"},
		{"send nobody receives", func(tr *Tracker, r <-chan struct{}) {
			ch := make(chan int)
			go func() { <-r; <-ch }()
			ch <- 1
		}, "chan send"},
		{"waitgroup never done", func(tr *Tracker, r <-chan struct{}) {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { <-r; wg.Done() }()
			wg.Wait()
		}, "sync.WaitGroup.Wait"},
		{"mutexes in opposite order", func(tr *Tracker, r <-chan struct{}) {
			var a, b sync.Mutex
			a.Lock()
			held := make(chan struct{})
			go func() { b.Lock(); close(held); a.Lock(); b.Unlock() }()
			<-held // b is locked: both goroutines now wait for the other's mutex
			go func() { <-r; a.Unlock() }()
			b.Lock()
		}, "sync.Mutex.Lock"},
		{"read lock while writing", func(tr *Tracker, r <-chan struct{}) {
			var rw sync.RWMutex
			rw.Lock()
			go func() { <-r; rw.Unlock() }()
			rw.RLock()
		}, "sync.RWMutex.RLock"},
		{"cond never signalled", func(tr *Tracker, r <-chan struct{}) {
			var mu sync.Mutex
			cond := sync.NewCond(&mu)
			go func() { <-r; mu.Lock(); cond.Broadcast(); mu.Unlock() }()
			mu.Lock()
			cond.Wait()
			mu.Unlock()
		}, "sync.Cond.Wait"},
		{"select {} (the kernel's Block)", func(tr *Tracker, r <-chan struct{}) {
			tr.Block()
		}, "select (no cases)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := NewTracker()
			c := newCell(tr, tt.name, 7)
			release := make(chan struct{})
			startIn(tr, c, func() { tt.start(tr, release) })
			var parked []Parked
			eventually(t, "a deadlock", func() bool {
				var ok bool
				parked, ok = tr.Deadlock()
				return ok
			})
			close(release) // let the goroutines go, so later tests see none of them
			tr.Stop(c)     // and end Block
			report := strings.Join(DeadlockReport(parked), "\n")
			if !strings.Contains(report, "all goroutines are asleep - deadlock!") ||
				!strings.Contains(report, " ["+tt.state+"]:\n\t(started in In[7])") {
				t.Errorf("report:\n%s", report)
			}
			for _, p := range parked {
				if p.ID == 0 {
					t.Errorf("goroutine without an id: %+v", p)
				}
			}
			eventually(t, "the released goroutines to end", func() bool {
				_, ok := tr.Deadlock()
				return !ok && len(reasonsOf(tr, c)) == 0
			})
		})
	}
}

func TestNoDeadlockWhileSomethingCanWake(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	tests := []struct {
		name  string
		start func(tr *Tracker, release <-chan struct{})
		want  []string // the cell's goroutines' reasons, once they are where the test wants them
	}{
		{"sleeping", func(tr *Tracker, r <-chan struct{}) {
			go func() { <-r }()
			time.Sleep(time.Hour)
		}, []string{"chan receive", "sleep"}},
		{"kernel sleep", func(tr *Tracker, r <-chan struct{}) {
			go func() { <-r }()
			tr.Sleep(time.Hour)
		}, []string{"chan receive", "sleep"}},
		{"held", func(tr *Tracker, r <-chan struct{}) {
			tr.Hold()
			<-r
		}, []string{"chan receive"}},
		{"reading a pipe", func(tr *Tracker, r <-chan struct{}) {
			go func() { <-r }()
			pr.Read(make([]byte, 1))
		}, []string{"IO wait", "chan receive"}},
		{"busy", func(tr *Tracker, r <-chan struct{}) {
			for {
				select {
				case <-r:
					return
				default:
				}
			}
		}, []string{"runnable"}}, // the dump stops the world: a goroutine on a CPU shows as runnable
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := NewTracker()
			c := newCell(tr, tt.name, 1)
			release := make(chan struct{})
			startIn(tr, c, func() { tt.start(tr, release) })
			var got []string
			eventually(t, "the goroutines to wait", func() bool {
				got = reasonsOf(tr, c)
				return slices.Equal(got, tt.want)
			})
			_, ok := tr.Deadlock()
			close(release)
			tr.Stop(c)
			if ok {
				t.Fatalf("reported a deadlock (goroutines: %q)", got)
			}
		})
	}
}
