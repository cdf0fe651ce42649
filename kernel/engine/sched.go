package engine

// Waiting that an interrupt can end and the deadlock check can see: the time
// functions that sleep or set timers, and sync.WaitGroup, bound to the
// scheduler view (sched.Tracker) of the cells.
//
// yaegi behaviour answered: a goroutine blocked in compiled code (a sleep,
// a WaitGroup's Wait) can only be stopped by cancelling the whole
// interpreter, every goroutine of every cell; these versions watch their own
// cell's interrupt instead. The goroutine count (GoroutinesStarted, for
// %time) counts the goroutines cells start here and in runtime.go.

import (
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/sched"
)

// timeSymbols replace the time functions that wait, so that an interrupt can
// end a sleep and the deadlock check knows a timer will wake someone.
func timeSymbols(t *sched.Tracker) map[string]reflect.Value {
	holdFor := func(d time.Duration) {
		t.Hold()
		time.AfterFunc(d, t.Release)
	}
	return map[string]reflect.Value{
		"Sleep": reflect.ValueOf(t.Sleep),
		"After": reflect.ValueOf(func(d time.Duration) <-chan time.Time {
			holdFor(d)
			return time.After(d)
		}),
		"NewTimer": reflect.ValueOf(func(d time.Duration) *time.Timer {
			holdFor(d)
			return time.NewTimer(d)
		}),
		"AfterFunc": reflect.ValueOf(func(d time.Duration, f func()) *time.Timer {
			holdFor(d)
			return time.AfterFunc(d, f)
		}),
		// A ticker may wake someone for as long as it lives, and Stop
		// cannot be observed: it holds off deadlock reports for good.
		"Tick": reflect.ValueOf(func(d time.Duration) <-chan time.Time {
			t.Hold()
			return time.Tick(d)
		}),
		"NewTicker": reflect.ValueOf(func(d time.Duration) *time.Ticker {
			t.Hold()
			return time.NewTicker(d)
		}),
	}
}

// WaitGroup is sync.WaitGroup whose Wait an interrupt can end, and whose Go
// starts a tracked goroutine. Cells get it for sync.WaitGroup.
//
// Wait blocks in a helper goroutine, so that the caller can also watch its
// cell's interrupt; after an interrupt the helper stays until the count
// reaches zero, which loses nothing.
//
// A zero WaitGroup must work, so it finds the tracker through the package
// variable tracker (one interpreter per worker process).
type WaitGroup struct {
	wg sync.WaitGroup
}

// started counts the goroutines cells started (go statements and
// WaitGroup.Go), for %time.
var started atomic.Int64

// GoroutinesStarted is how many goroutines cells have started in this
// process.
func GoroutinesStarted() int64 { return started.Load() }

// tracker is the Tracker of the most recently created Engine.
var tracker atomic.Pointer[sched.Tracker]

func (w *WaitGroup) Add(delta int) { w.wg.Add(delta) }
func (w *WaitGroup) Done()         { w.wg.Done() }

func (w *WaitGroup) Wait() {
	t := tracker.Load()
	if t == nil {
		w.wg.Wait()
		return
	}
	done := make(chan struct{})
	go func() {
		w.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-t.Done():
		panic(sched.Interrupted{})
	}
}

func (w *WaitGroup) Go(f func()) {
	w.wg.Add(1)
	started.Add(1)
	start := func(f func()) { go f() }
	if t := tracker.Load(); t != nil {
		start = t.Go
	}
	start(func() {
		defer w.wg.Done()
		f()
	})
}
