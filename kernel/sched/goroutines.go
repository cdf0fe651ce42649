package sched

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

// The labels NewCell puts on a cell's goroutines.
const (
	cellLabel  = "gokernel.cell"  // the execute_request's msg_id
	countLabel = "gokernel.count" // the execution count
)

// CellLabel is the label key whose value is the cell's ID (Cell.ID), on
// every goroutine the cell started, directly or not: a recording can keep
// one cell's goroutines by it (timeline.KeepLabel(sched.CellLabel, c.ID)).
const CellLabel = cellLabel

// Goroutine is a goroutine that a cell started, as the student should see
// it: the runtime's record, and what the student's code waits for.
type Goroutine struct {
	stacks.Goroutine
	Count int   // the cell that started it, In[Count]
	Cell  *Cell // that cell; nil once the tracker has forgotten it
	// Reason is what the student's code waits for, in Go's words: the
	// runtime's Status, except in a kernel function that stands for a Go
	// operation (the front-end turns time.Sleep into Tracker.Sleep), where
	// it is that operation's.
	Reason string
	// Func and Where are the student's function and cell position where it
	// waits ("main.worker", "In[3]:8"), when the front-end said (waits.go).
	Func, Where string
}

// Class is what Reason means: see stacks.Class.
func (g Goroutine) Class() stacks.Class { return stacks.ClassOf(g.Reason) }

// standsFor maps the kernel's functions that wait in the student's place,
// and the interpreter's that run a channel operation through a
// reflect.Select (so that the runtime says "select"), to the reason Go would
// give for the operation they stand for. A goroutine waits in one when it
// is the first frame outside the runtime and package reflect; the
// interpreter's are named up to their closures (interp.send.func2).
var standsFor = func() map[string]string {
	pkg := reflect.TypeFor[Tracker]().PkgPath()
	const yaegi = "github.com/traefik/yaegi/interp."
	return map[string]string{
		pkg + ".(*Tracker).Sleep":   "sleep",                   // time.Sleep: a select on a timer and the interrupt
		pkg + ".(*Tracker).Block":   "select (no cases)",       // select {}: a receive of the interrupt
		pkg + ".(*Tracker).recv":    "chan receive",            // <-ch: a select on ch and the interrupt
		pkg + ".(*Tracker).recvNil": "chan receive (nil chan)", // <-ch of a nil ch: a receive of the interrupt
		pkg + ".(*Tracker).WaitFor": "sync.WaitGroup.Wait",     // the engine's WaitGroup.Wait
		yaegi + "send":              "chan send",
		yaegi + "recv":              "chan receive",
		yaegi + "recv2":             "chan receive",
		yaegi + "rangeChan":         "chan receive",
		yaegi + "_select":           "select",
	}
}()

// opWait reports whether a goroutine whose first frame outside the runtime
// and package reflect is fn waits in a channel operation or a select the
// front-end gave a site with a reason (waits.go): the interpreter's, or the
// kernel's helpers for them. Any other wait (a range over a channel, a
// lock, a WaitGroup, compiled code) has a plain site.
func opWait(fn string) bool {
	if i := strings.Index(fn, ".func"); i > 0 {
		fn = fn[:i]
	}
	return opWaits[fn]
}

var opWaits = func() map[string]bool {
	pkg := reflect.TypeFor[Tracker]().PkgPath()
	const yaegi = "github.com/traefik/yaegi/interp."
	m := map[string]bool{}
	for _, f := range []string{pkg + ".(*Tracker).Block", pkg + ".(*Tracker).recv", pkg + ".(*Tracker).recvNil",
		yaegi + "send", yaegi + "recv", yaegi + "recv2", yaegi + "_select"} {
		m[f] = true
	}
	return m
}()

// kernelWait is the first frame outside the runtime of the goroutine that
// runs a cell while the interpreter runs the cell's code in another: the
// kernel's, not the student's.
const kernelWait = "github.com/traefik/yaegi/interp.(*Interpreter).EvalWithContext"

// Goroutines lists the goroutines that carry a cell's labels, whichever
// tracker made the cell, in the order of the runtime's dump, without the
// kernel's own. Cell is the tracker's cell of that ID (execute_request ids
// are unique in a session); a nil Tracker knows no cell.
func (t *Tracker) Goroutines() []Goroutine {
	all := stacks.All()
	var cells map[string]*Cell
	if t != nil {
		t.mu.Lock()
		cells = make(map[string]*Cell, len(t.byLabel))
		for _, c := range t.byLabel {
			cells[c.ID] = c
		}
		t.mu.Unlock()
	}
	var out []Goroutine
	for _, g := range all {
		id, ok := g.Labels[cellLabel]
		if !ok || firstFrame(g) == kernelWait {
			continue
		}
		n, _ := strconv.Atoi(g.Labels[countLabel])
		r := Goroutine{Goroutine: g, Count: n, Cell: cells[id], Reason: reason(g)}
		if t != nil && stacks.ClassOf(g.Status) == stacks.Blocked {
			if st := t.waits.key(id + "/" + g.Labels[gLabel]); st != nil {
				if s := st.site(opWait(firstFrame(g))); s != nil {
					why, fn, where := siteOf(*s)
					r.Func, r.Where = fn, where
					if r.Reason == "select" && why != "" {
						r.Reason = why // a send or receive the front-end made a select
					}
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// firstFrame is the function of g's first frame outside the runtime and
// package reflect.
func firstFrame(g stacks.Goroutine) string {
	for _, f := range g.Frames {
		if !strings.HasPrefix(f.Func, "runtime.") && !strings.HasPrefix(f.Func, "reflect.") {
			return f.Func
		}
	}
	return ""
}

func reason(g stacks.Goroutine) string {
	if stacks.ClassOf(g.Status) != stacks.Blocked {
		return g.Status // running, or woken: whatever it runs, it is not waiting
	}
	if r, ok := StandsFor(firstFrame(g)); ok {
		return r
	}
	return g.Status
}

// StandsFor is the wait reason Go would give, in its words ("chan
// receive", "sleep", "sync.WaitGroup.Wait"), for a goroutine blocked with
// fn as the first function of its stack outside the runtime and package
// reflect, when fn is one that waits in the student's place (standsFor);
// ok is false for any other. Package timeline asks it of the stacks of an
// execution trace, so that a timeline and a dump name a wait alike.
func StandsFor(fn string) (reason string, ok bool) {
	if r, ok := standsFor[fn]; ok {
		return r, true
	}
	if i := strings.Index(fn, ".func"); i > 0 { // a closure of the interpreter's: interp.send.func2
		if r, ok := standsFor[fn[:i]]; ok {
			return r, true
		}
	}
	return "", false
}
