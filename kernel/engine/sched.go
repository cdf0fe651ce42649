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
	"context"
	"reflect"
	"runtime/pprof"
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

// syncSymbols replace sync's WaitGroup, Mutex and RWMutex.
func syncSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"WaitGroup": reflect.ValueOf((*WaitGroup)(nil)),
		"Mutex":     reflect.ValueOf((*Mutex)(nil)),
		"RWMutex":   reflect.ValueOf((*RWMutex)(nil)),
	}
}

// Mutex is sync.Mutex whose Unlock of an unlocked mutex ends the cell with
// Go's fatal error instead of the whole process. Go's own kills the program
// (sync.fatal, which nothing recovers), here: the worker, every variable
// with it.
type Mutex struct {
	mu sync.Mutex
}

func (m *Mutex) Lock()         { m.mu.Lock() }
func (m *Mutex) TryLock() bool { return m.mu.TryLock() }

func (m *Mutex) Unlock() {
	if m.mu.TryLock() { // it was not locked
		m.mu.Unlock()
		panic(fatalError("sync: unlock of unlocked mutex"))
	}
	m.mu.Unlock()
}

// RWMutex is sync.RWMutex whose Unlock and RUnlock of an unlocked mutex end
// the cell with Go's fatal error (see Mutex).
type RWMutex struct {
	rw      sync.RWMutex
	writer  atomic.Bool
	readers atomic.Int64
}

func (m *RWMutex) Lock() {
	m.rw.Lock()
	m.writer.Store(true)
}

func (m *RWMutex) TryLock() bool {
	if !m.rw.TryLock() {
		return false
	}
	m.writer.Store(true)
	return true
}

func (m *RWMutex) Unlock() {
	if !m.writer.CompareAndSwap(true, false) {
		panic(fatalError("sync: Unlock of unlocked RWMutex"))
	}
	m.rw.Unlock()
}

func (m *RWMutex) RLock() {
	m.rw.RLock()
	m.readers.Add(1)
}

func (m *RWMutex) TryRLock() bool {
	if !m.rw.TryRLock() {
		return false
	}
	m.readers.Add(1)
	return true
}

func (m *RWMutex) RUnlock() {
	if m.readers.Add(-1) < 0 {
		m.readers.Add(1)
		panic(fatalError("sync: RUnlock of unlocked RWMutex"))
	}
	m.rw.RUnlock()
}

// RLocker is sync.RWMutex.RLocker.
func (m *RWMutex) RLocker() sync.Locker { return rlocker{m} }

type rlocker struct{ m *RWMutex }

func (r rlocker) Lock()   { r.m.RLock() }
func (r rlocker) Unlock() { r.m.RUnlock() }

// fatalError is the panic value of what Go reports as "fatal error: …" and
// cannot recover (the kernel's cell can: a known difference).
type fatalError string

func (f fatalError) Error() string { return string(f) }

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
		// The helper is the kernel's: without the cell's labels it is not
		// one of the student's goroutines in a report.
		pprof.SetGoroutineLabels(context.Background())
		w.wg.Wait()
		close(done)
	}()
	t.WaitFor(done) // named sync.WaitGroup.Wait in reports
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
