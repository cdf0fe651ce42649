package engine

// golang.org/x/sync/errgroup (bundled) with goroutines whose panics the
// kernel reports.
//
// yaegi behaviour answered: errgroup.(*Group).Go is compiled code that
// starts its own goroutine and calls the cell's function in it; a panic
// there has nothing to recover it (the interpreter recovers only in the
// goroutines it starts), so a student's panic in g.Go(func() error {…})
// killed the worker and every variable with it, with yaegi's "[recovered,
// repanicked]" words. Go ends the program with the panic's trace; the
// kernel reports it in the cell, as it does for a go statement's
// (Tracker.OnPanic), and the session goes on. Group and WithContext stand
// in for errgroup's in the symbol table; everything else is errgroup's own.

import (
	"context"
	"reflect"
	"runtime/debug"
	"runtime/pprof"

	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/sched/stacks"
	"golang.org/x/sync/errgroup"
)

// errgroupSymbols replace errgroup's Group and WithContext.
func errgroupSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"Group":       reflect.ValueOf((*Group)(nil)),
		"WithContext": reflect.ValueOf(WithContext),
	}
}

// Group is errgroup.Group; its zero value is ready to use, as errgroup's.
type Group struct {
	ctx   *errgroup.Group // from WithContext; nil for a zero Group
	group errgroup.Group
}

// WithContext is errgroup.WithContext.
func WithContext(ctx context.Context) (*Group, context.Context) {
	g, c := errgroup.WithContext(ctx)
	return &Group{ctx: g}, c
}

func (g *Group) inner() *errgroup.Group {
	if g.ctx != nil {
		return g.ctx
	}
	return &g.group
}

func (g *Group) Go(f func() error)         { g.inner().Go(guarded(f)) }
func (g *Group) TryGo(f func() error) bool { return g.inner().TryGo(guarded(f)) }
func (g *Group) SetLimit(n int)            { g.inner().SetLimit(n) }

// Wait is errgroup's, as a wait the interrupt and the deadlock check see
// (as the kernel's WaitGroup.Wait).
func (g *Group) Wait() error {
	t := tracker.Load()
	if t == nil {
		return g.inner().Wait()
	}
	var err error
	done := make(chan struct{})
	go func() {
		pprof.SetGoroutineLabels(context.Background()) // the kernel's helper, not the student's
		err = g.inner().Wait()
		close(done)
	}()
	t.WaitFor(done)
	return err
}

// guarded is f, whose panic is reported as the calling cell's goroutine
// panic (an interrupt's ends it quietly) instead of ending the process.
func guarded(f func() error) func() error {
	t := tracker.Load()
	if t == nil {
		return f
	}
	c := t.Current()
	return func() (err error) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if _, ok := r.(sched.Interrupted); ok || t.OnPanic == nil {
				if !ok {
					panic(r)
				}
				return
			}
			t.OnPanic(c, r, stacks.WithoutLabels(debug.Stack()))
			if c != nil && c.Program() {
				// A whole program dies of it, as under go run: nothing
				// after the panic may happen, so Wait must not return.
				<-t.Done()
			}
		}()
		return f()
	}
}
