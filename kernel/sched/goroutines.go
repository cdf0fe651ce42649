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
}

// Class is what Reason means: see stacks.Class.
func (g Goroutine) Class() stacks.Class { return stacks.ClassOf(g.Reason) }

// standsFor maps the kernel's functions that wait in the student's place to
// the reason Go would give for the operation they replace. A goroutine waits
// in one when it is the first frame outside the runtime.
var standsFor = func() map[string]string {
	pkg := reflect.TypeFor[Tracker]().PkgPath()
	return map[string]string{
		pkg + ".(*Tracker).Sleep": "sleep",             // time.Sleep: a select on a timer and the interrupt
		pkg + ".(*Tracker).Block": "select (no cases)", // select {}: a receive of the interrupt
	}
}()

// Goroutines lists the goroutines that carry a cell's labels, whichever
// tracker made the cell, in the order of the runtime's dump. Cell is the
// tracker's cell of that ID (execute_request ids are unique in a session);
// a nil Tracker knows no cell.
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
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(g.Labels[countLabel])
		out = append(out, Goroutine{Goroutine: g, Count: n, Cell: cells[id], Reason: reason(g)})
	}
	return out
}

func reason(g stacks.Goroutine) string {
	if stacks.ClassOf(g.Status) != stacks.Blocked {
		return g.Status // running, or woken: whatever it runs, it is not waiting
	}
	for _, f := range g.Frames {
		if !strings.HasPrefix(f.Func, "runtime.") {
			if r, ok := standsFor[f.Func]; ok {
				return r
			}
			break
		}
	}
	return g.Status
}
