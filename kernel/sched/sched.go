// Package sched is the kernel's view of the Go scheduler inside the worker:
// which cell started each goroutine, how many of a cell's goroutines still
// run, which cells were interrupted, and whether the user's goroutines are
// deadlocked. Interpreted code reaches it through functions the engine puts
// in yaegi's symbol table (the front-end rewrites `go` statements, loops and
// blocking operations to call them).
//
// A goroutine's cell is carried by its profiler labels
// (runtime/pprof.SetGoroutineLabels): the Go runtime copies them to every
// goroutine a goroutine starts — those yaegi starts for interpreted `go`
// statements and those compiled library code starts — so attribution needs
// no bookkeeping per goroutine. Reading the current goroutine's labels has no
// public API; labelsOf uses the runtime's own accessor through go:linkname,
// which the runtime keeps for this use (go.dev/issue/67401). The runtime
// prints the same labels in a goroutine dump, which is how Goroutines and
// Deadlock know the cell of each goroutine (package stacks reads the dump).
//
// Contract:
//   - In a goroutine whose cell was stopped, Poll, Sleep and Block panic with
//     Interrupted and Done's channel is closed; Go recovers that panic
//     silently and reports any other panic through Tracker.OnPanic instead
//     of killing the process, as a panic in an interpreted goroutine
//     otherwise would. In a goroutine compiled code started, where nothing
//     recovers it, Interrupt parks the goroutine instead (interrupt.go).
//   - A Cell counts the goroutines started through Go and Run (Running);
//     goroutines that compiled code starts carry the cell's labels but are
//     not counted.
//   - Goroutines lists the goroutines that carry a cell's labels, with the
//     wait reason Go would give the student's code; Deadlock (deadlock.go)
//     says when all of the tracker's are blocked for good.
package sched

import (
	"context"
	"fmt"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

//go:linkname labelsOf runtime/pprof.runtime_getProfLabel
func labelsOf() unsafe.Pointer

// Interrupted is the panic value that unwinds a goroutine of a stopped cell.
type Interrupted struct{}

func (Interrupted) Error() string { return outcome.Interrupt().Value }

// Cell is one execution of a cell and the goroutines it started.
type Cell struct {
	ID    string // the execute_request's msg_id
	Count int    // the execution count, In[n]

	ctx     context.Context
	labels  unsafe.Pointer
	running atomic.Int64  // goroutines started through Go, still running
	stopped chan struct{} // closed by Stop
	once    sync.Once
	program atomic.Bool // runs func main: a whole program
}

// SetProgram marks the cell as a whole program (package main with func main)
// from the moment its main runs: its goroutines live and die with it, as a
// process's do.
func (c *Cell) SetProgram() { c.program.Store(true) }

// Program reports whether the cell runs a whole program (SetProgram).
func (c *Cell) Program() bool { return c.program.Load() }

// Running is how many goroutines the cell started that have not returned.
func (c *Cell) Running() int { return int(c.running.Load()) }

// isStopped reports whether the cell was interrupted.
func (c *Cell) isStopped() bool {
	select {
	case <-c.stopped:
		return true
	default:
		return false
	}
}

// Tracker knows every cell of one interpreter.
type Tracker struct {
	// OnPanic receives a panic that ended a goroutine of cell c; stack is the
	// goroutine's stack at the panic, as debug.Stack prints it (without
	// the kernel's labels). Set it before the first cell runs.
	OnPanic func(c *Cell, value any, stack []byte)

	mu      sync.Mutex
	byLabel map[unsafe.Pointer]*Cell
	// stopping counts stopped cells that may still have goroutines; while it
	// is zero, Poll is one atomic load.
	stopping atomic.Int32
	holds    atomic.Int64 // see Hold
	waits    waits        // per goroutine: where it waits (waits.go)
	started  atomic.Int64 // goroutines started through Go, ever
}

// Started is how many goroutines have been started through Go: a deadlock
// check compares it across samples to see progress.
func (t *Tracker) Started() int64 { return t.started.Load() }

// NewTracker returns an empty Tracker.
func NewTracker() *Tracker { return &Tracker{byLabel: map[unsafe.Pointer]*Cell{}} }

// NewCell registers a cell about to run.
func (t *Tracker) NewCell(id string, count int) *Cell {
	c := &Cell{ID: id, Count: count, stopped: make(chan struct{})}
	c.ctx = pprof.WithLabels(context.Background(), pprof.Labels(cellLabel, id, countLabel, strconv.Itoa(count)))
	// Read back the label pointer the runtime will hand to this cell's
	// goroutines, from a throwaway goroutine so the caller keeps its own.
	// The throwaway drops the labels before it hands the pointer over: it
	// must not be seen in a dump as one of the cell's goroutines, waiting to
	// send or on its way out.
	got := make(chan unsafe.Pointer)
	go func() {
		pprof.SetGoroutineLabels(c.ctx)
		p := labelsOf()
		pprof.SetGoroutineLabels(context.Background())
		got <- p
	}()
	c.labels = <-got
	t.mu.Lock()
	t.byLabel[c.labels] = c
	t.mu.Unlock()
	t.waits.add(c.labels, c.ID+"/", &gState{cell: c})
	return c
}

// Enter makes the calling goroutine, and every goroutine it starts from now
// on, belong to c.
func (t *Tracker) Enter(c *Cell) { pprof.SetGoroutineLabels(c.ctx) }

// Leave detaches the calling goroutine from any cell.
func (t *Tracker) Leave() { pprof.SetGoroutineLabels(context.Background()) }

// Current is the cell of the calling goroutine, nil outside any cell.
func (t *Tracker) Current() *Cell {
	p := labelsOf()
	if p == nil {
		return nil
	}
	t.mu.Lock()
	c := t.byLabel[p]
	t.mu.Unlock()
	if c == nil {
		if st := t.waits.of(p); st != nil {
			c = st.cell
		}
	}
	return c
}

// Go runs f in a new goroutine of the caller's cell. A panic in f is
// reported through OnPanic, not fatal; an Interrupted panic ends f quietly.
func (t *Tracker) Go(f func()) {
	c := t.Current()
	if c != nil {
		c.running.Add(1)
	}
	t.started.Add(1)
	go func() {
		if c != nil {
			defer t.own(c)()
		}
		defer func() {
			if c != nil {
				c.running.Add(-1)
			}
			if r := recover(); r != nil {
				if _, ok := r.(Interrupted); ok {
					return
				}
				if t.OnPanic != nil {
					t.OnPanic(c, r, stacks.WithoutLabels(debug.Stack()))
					return
				}
				panic(r)
			}
		}()
		f()
	}()
}

// Stop interrupts cell c: its goroutines end at their next Poll or blocking
// helper. Goroutines of other cells are untouched.
func (t *Tracker) Stop(c *Cell) {
	c.once.Do(func() {
		close(c.stopped)
		t.stopping.Add(1)
		go func() { // once c's goroutines are gone, Poll is cheap again
			for c.running.Load() > 0 {
				time.Sleep(20 * time.Millisecond)
			}
			t.stopping.Add(-1)
		}()
	})
}

// Run runs f as the cell's main goroutine: it belongs to c, and counts as
// one of c's running goroutines until f returns.
func (t *Tracker) Run(c *Cell, f func()) {
	c.running.Add(1)
	defer c.running.Add(-1)
	t.Enter(c)
	defer t.Leave()
	f()
}

// Poll panics with Interrupted if the calling goroutine's cell was stopped.
// The front-end inserts it at the top of every loop body, so that even a
// loop without calls can be interrupted.
func (t *Tracker) Poll() {
	if t.stopping.Load() == 0 {
		return
	}
	if c := t.Current(); c != nil && c.isStopped() {
		t.Interrupt()
	}
}

// Done is closed when the calling goroutine's cell is stopped; nil (never
// ready) outside a cell. The front-end adds it as a case to blocking selects.
func (t *Tracker) Done() <-chan struct{} {
	if c := t.Current(); c != nil {
		return c.stopped
	}
	return nil
}

// Sleep is time.Sleep that an interrupt can end.
func (t *Tracker) Sleep(d time.Duration) {
	if d <= 0 {
		t.Poll()
		return
	}
	t.Hold() // a sleeping goroutine will wake: no deadlock meanwhile
	defer t.Release()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-t.Done():
		t.Interrupt()
	}
}

// Block is `select {}` that an interrupt can end.
func (t *Tracker) Block() {
	<-t.Done()
	t.Interrupt()
}

// Forget drops cell c if none of its goroutines runs: the tracker keeps
// every cell that may still own a goroutine, and no other.
func (t *Tracker) Forget(c *Cell) {
	if c.Running() > 0 {
		return
	}
	t.mu.Lock()
	delete(t.byLabel, c.labels)
	t.mu.Unlock()
	t.waits.remove(c.labels, c.ID+"/")
}

// Live is the number of goroutines started through Go that still run, per
// cell, oldest cell first.
func (t *Tracker) Live() []*Cell {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []*Cell
	for l, c := range t.byLabel {
		if c.Running() > 0 {
			out = append(out, c)
		} else if c.isStopped() {
			delete(t.byLabel, l) // its goroutines have all ended
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Count < out[j].Count })
	return out
}

// String names a cell the way the kernel quotes it to students.
func (c *Cell) String() string { return fmt.Sprintf("In[%d]", c.Count) }
