package magic

// %%timeline: run the cell's body under the execution tracer and show what
// the scheduler did meanwhile (package timeline draws it): a lane per P, a
// lane per goroutine of this cell — running, runnable, blocked and on what.
//
// The body runs on the cell's own goroutine, through Run, so it may hold
// magics and keeps its Out value. The goroutines shown are those carrying
// this cell's label (sched.CellLabel), whoever started them; those of
// earlier cells and the kernel's own are left out. The cell's own lane is
// named In[n]; an interpreted goroutine's lane is named by the log its go
// statement writes when it starts (engine's GoCall: "worker", "go at
// In[n]:LINE"), since its Go stacks are the interpreter's.
//
// An interrupt stops the body as it stops any cell; the part recorded until
// then is shown. The tracer is process-wide: when it is on already (another
// recording, or runtime/trace in the cell's code) the body does not run and
// the error says so.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/timeline"
	"github.com/traefik/yaegi/interp"
)

func (r *Runner) timelineCell(ctx context.Context, body string, line int) Result {
	if strings.TrimSpace(body) == "" {
		return failed(magicError("%%timeline needs code to record: put it under the %%timeline line"))
	}
	var res Result
	ran := false
	// An interrupted cell must end within the worker's grace: a large
	// trace (megabytes parse in seconds) is dropped then, not drawn.
	skip := func(size int) bool {
		return res.Err != nil && res.Err.Name == "interrupt" && size > maxInterruptedTrace
	}
	bundle, err := r.timeline(func() { ran = true; res = r.run(ctx, strings.Repeat("\n", line)+body) }, skip)
	switch {
	case err == timeline.ErrSkipped:
		io.WriteString(r.Stderr, "[%%timeline: not drawn: the cell was interrupted and its recording is too large to draw quickly]\n")
		return res
	case err != nil && !ran:
		return failed(magicError("%%timeline: " + err.Error()))
	case err != nil:
		fmt.Fprintf(r.Stderr, "%%%%timeline: %s\n", err)
		return res
	}
	if res.Err != nil && (res.Err.Name == "syntax error" || res.Err.Name == "compile error") {
		return res // nothing ran: no picture of nothing
	}
	r.show(outcome.Display{Data: bundle})
	return res
}

// Timeline runs f on the calling goroutine under the execution tracer and
// returns the picture of what the scheduler did meanwhile, as a MIME
// bundle (timeline.Bundle): the goroutines of the caller's cell, the
// cell's own lane named In[n]. It fails without running f when the tracer
// is on already.
func (r *Runner) Timeline(f func()) (map[string]any, error) { return r.timeline(f, nil) }

// maxInterruptedTrace is the largest trace %%timeline draws for an
// interrupted cell: about a quarter of a second of parsing on a loaded
// machine.
const maxInterruptedTrace = 1 << 20

func (r *Runner) timeline(f func(), skip func(int) bool) (map[string]any, error) {
	// The waits are named as a goroutine dump names them (sched's table):
	// the kernel's interruptible time.Sleep, select {} and WaitGroup.Wait,
	// the interpreter's channel operations, all block in a select.
	opts := timeline.Options{Labels: true, StandsFor: sched.StandsFor, Skip: skip}
	var cell *sched.Cell
	if r.Tracker != nil {
		cell = r.Tracker.Current()
	}
	keep := timeline.KeepDescendants
	if cell != nil {
		keep = timeline.KeepLabel(sched.CellLabel, cell.ID)
	}
	opts.Keep = func(g *timeline.Goroutine) bool { return g.Func != waitHelper && keep(g) }
	tr, err := timeline.RecordWith(opts, f)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "timeline: ")
		if strings.Contains(msg, "already enabled") {
			msg += " (one recording at a time: another %%timeline, or runtime/trace in the cell's code, is recording)"
		}
		return nil, errors.New(msg)
	}
	foldEvals(tr)
	if cell != nil {
		for _, g := range tr.Goroutines {
			if g.Caller { // started by the kernel: its creation site says nothing to the student
				g.Func, g.Where, g.Created = cell.String(), "", nil
			}
		}
	}
	return timeline.Bundle(tr, timeline.SVGOptions{}), nil
}

// waitHelper is the goroutine engine.WaitGroup.Wait waits in, for the
// goroutine that called it: the kernel's, not the student's.
var waitHelper = reflect.TypeFor[engine.WaitGroup]().PkgPath() + ".(*WaitGroup).Wait.func1"

// yaegiEval is the goroutine yaegi runs each evaluation in while the
// caller waits for it (interp.(*Interpreter).EvalWithContext): the cell's
// code runs there, chunk after chunk.
var yaegiEval = reflect.TypeFor[interp.Interpreter]().PkgPath() + ".(*Interpreter).EvalWithContext.func1"

// foldEvals draws the interpreter's evaluation goroutines on the cell's
// own lane: while one runs a chunk of the cell, the cell's goroutine only
// waits for it, and to the student both are "the cell".
func foldEvals(tr *timeline.Trace) {
	var caller *timeline.Goroutine
	for _, g := range tr.Goroutines {
		if g.Caller {
			caller = g
		}
	}
	if caller == nil {
		return
	}
	folded := map[int64]bool{}
	kept := tr.Goroutines[:0]
	for _, g := range tr.Goroutines {
		if g.Caller || g.Func != yaegiEval || len(g.Spans) == 0 {
			kept = append(kept, g)
			continue
		}
		folded[g.ID] = true
		from, to := g.Spans[0].Start, g.Spans[len(g.Spans)-1].End
		var spans []timeline.Span
		for _, s := range caller.Spans {
			if s.End <= from || s.Start >= to {
				spans = append(spans, s)
				continue
			}
			if s.Start < from {
				before := s
				before.End = from
				spans = append(spans, before)
			}
			if s.End > to {
				after := s
				after.Start = to
				spans = append(spans, after)
			}
		}
		spans = append(spans, g.Spans...)
		sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		caller.Spans = spans
		caller.Regions = append(caller.Regions, g.Regions...)
		caller.Assist = append(caller.Assist, g.Assist...)
		caller.Logs = append(caller.Logs, g.Logs...)
	}
	tr.Goroutines = kept
	for _, p := range tr.Procs {
		for i := range p.Spans {
			if folded[p.Spans[i].G] {
				p.Spans[i].G = caller.ID
			}
		}
	}
}

// show publishes a display action, if the Runner has a Display.
func (r *Runner) show(d outcome.Display) {
	if r.Display != nil {
		r.Display(d)
	}
}
