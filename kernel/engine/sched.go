package engine

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/sched"
)

// File is the type cells see for os.Stdin, os.Stdout and os.Stderr.
//
// yaegi rebinds os.Stdout for interpreted code only to an *os.File, whose
// writes go to a file descriptor and so cannot tell which goroutine wrote
// them. The engine binds these names to Files instead, backed by the
// io.Writers in Options, which route each write to the cell of the goroutine
// that made it. The cost: code that needs an *os.File itself
// (`var f *os.File = os.Stdout`) does not compile; everything taking an
// io.Writer or io.Reader, and method calls, work.
type File interface {
	io.Reader
	io.Writer
	io.StringWriter
	Close() error
	Sync() error
	Fd() uintptr
	Name() string
}

type stdFile struct {
	name string
	fd   uintptr
	r    io.Reader
	w    io.Writer
}

var errNotOpen = errors.New("bad file descriptor")

func (f *stdFile) Read(p []byte) (int, error) {
	if f.r == nil {
		return 0, errNotOpen
	}
	return f.r.Read(p)
}

func (f *stdFile) Write(p []byte) (int, error) {
	if f.w == nil {
		return 0, errNotOpen
	}
	return f.w.Write(p)
}

func (f *stdFile) WriteString(s string) (int, error) { return f.Write([]byte(s)) }
func (f *stdFile) Close() error                      { return nil }
func (f *stdFile) Sync() error                       { return nil }
func (f *stdFile) Fd() uintptr                       { return f.fd }
func (f *stdFile) Name() string                      { return f.name }

// schedSymbols are the scheduler helpers the front-end's goroutines and
// interrupt passes call, in the "gokernel/rt" package.
func schedSymbols(t *sched.Tracker) map[string]reflect.Value {
	return map[string]reflect.Value{
		"Go":          reflect.ValueOf(func(f func()) { started.Add(1); t.Go(f) }),
		"GoCall":      reflect.ValueOf(func(fn any, args ...any) { goCall(t, fn, args, false) }),
		"GoCallSlice": reflect.ValueOf(func(fn any, args ...any) { goCall(t, fn, args, true) }),
		"Poll":        reflect.ValueOf(t.Poll),
		"Done":        reflect.ValueOf(t.Done),
		"Block":       reflect.ValueOf(t.Block),
		"Interrupt":   reflect.ValueOf(func() { panic(sched.Interrupted{}) }),
	}
}

// goCall starts fn(args...) in a tracked goroutine (see frontend's
// goroutines pass). The arguments were evaluated by the caller; they are
// converted to the parameter types here (an untyped constant arrives as its
// default type), before the goroutine starts, so that a wrong call fails in
// the cell that made it. With slice set, the last argument is the ...
// argument of a variadic call.
func goCall(t *sched.Tracker, fn any, args []any, slice bool) {
	f := reflect.ValueOf(fn)
	if f.Kind() != reflect.Func {
		panic(fmt.Sprintf("go: cannot call non-function %v (type %T)", fn, fn))
	}
	ft := f.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var pt reflect.Type
		switch {
		case ft.IsVariadic() && !slice && i >= ft.NumIn()-1:
			pt = ft.In(ft.NumIn() - 1).Elem()
		case i < ft.NumIn():
			pt = ft.In(i)
		default:
			panic(fmt.Sprintf("go: too many arguments in call (want %d)", ft.NumIn()))
		}
		v := reflect.ValueOf(a)
		switch {
		case !v.IsValid():
			v = reflect.Zero(pt) // nil
		case v.Type() != pt && pt.Kind() != reflect.Interface && v.Type().ConvertibleTo(pt):
			v = v.Convert(pt)
		}
		in[i] = v
	}
	started.Add(1)
	t.Go(func() {
		if slice {
			f.CallSlice(in)
		} else {
			f.Call(in)
		}
	})
}

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
