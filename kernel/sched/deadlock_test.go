package sched

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// startIn runs body in a new goroutine that belongs to cell c.
func startIn(tr *Tracker, c *Cell, body func()) {
	go func() {
		defer func() { recover() }() // Interrupted, after StopAll
		tr.Enter(c)
		body()
	}()
}

func waitDeadlock(tr *Tracker, want bool) ([]Parked, bool) {
	deadline := time.Now().Add(2 * time.Second)
	for {
		p, ok := tr.Deadlock()
		if ok == want || time.Now().After(deadline) {
			return p, ok
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDeadlockDetected(t *testing.T) {
	tests := []struct {
		name  string
		start func(release <-chan struct{}, ch chan int)
		state string
	}{
		{"receive nobody sends", func(r <-chan struct{}, ch chan int) {
			select {
			case <-ch:
			case <-r:
			}
		}, "select"},
		{"send nobody receives", func(r <-chan struct{}, ch chan int) {
			go func() { <-r; <-ch }()
			ch <- 1
		}, "chan send"},
		{"waitgroup never done", func(r <-chan struct{}, ch chan int) {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { <-r; wg.Done() }()
			wg.Wait()
		}, "sync.WaitGroup.Wait"},
		{"mutexes in opposite order", func(r <-chan struct{}, ch chan int) {
			var a, b sync.Mutex
			a.Lock()
			go func() { b.Lock(); <-r; a.Lock(); b.Unlock() }()
			time.Sleep(20 * time.Millisecond)
			go func() { <-r; a.Unlock() }()
			b.Lock()
		}, "sync.Mutex.Lock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := NewTracker()
			c := tr.NewCell(tt.name, 7)
			release := make(chan struct{})
			ch := make(chan int)
			startIn(tr, c, func() { tt.start(release, ch) })
			parked, ok := waitDeadlock(tr, true)
			close(release) // let the goroutines go, so later tests see none of them
			if !ok {
				t.Fatal("no deadlock reported")
			}
			report := strings.Join(DeadlockReport(parked), "\n")
			if !strings.Contains(report, "all goroutines are asleep - deadlock!") ||
				!strings.Contains(report, "["+tt.state+"], started in In[7]") {
				t.Errorf("report:\n%s", report)
			}
			if _, ok := waitDeadlock(tr, false); ok {
				t.Error("still deadlocked after release")
			}
		})
	}
}

func TestNoDeadlockWhileSomethingCanWake(t *testing.T) {
	tests := []struct {
		name  string
		start func(tr *Tracker, release <-chan struct{})
	}{
		{"sleeping", func(tr *Tracker, r <-chan struct{}) {
			go func() { <-r }()
			time.Sleep(time.Hour)
		}},
		{"kernel sleep", func(tr *Tracker, r <-chan struct{}) {
			go func() { <-r }()
			tr.Sleep(time.Hour)
		}},
		{"held", func(tr *Tracker, r <-chan struct{}) {
			tr.Hold()
			<-r
		}},
		{"busy", func(tr *Tracker, r <-chan struct{}) {
			for {
				select {
				case <-r:
					return
				default:
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := NewTracker()
			c := tr.NewCell(tt.name, 1)
			release := make(chan struct{})
			startIn(tr, c, func() { tt.start(tr, release) })
			time.Sleep(100 * time.Millisecond)
			_, ok := tr.Deadlock()
			tr.StopAll()
			close(release)
			if ok {
				t.Fatal("reported a deadlock")
			}
		})
	}
}
