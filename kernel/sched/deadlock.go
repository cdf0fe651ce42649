package sched

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

// The Go runtime reports "all goroutines are asleep - deadlock!" only when
// no goroutine at all can run. In the worker the kernel's own goroutines are
// always there, so the runtime never sees a student's deadlock: the cell
// would hang until interrupted. Deadlock looks for it instead.
//
// Contract: Deadlock reads one dump of the goroutines (stacks.All). The
// goroutines whose labels name a cell the tracker knows are the user's; they
// are deadlocked when there is at least one, every one is Blocked (its
// runtime status is a channel operation, a select or a sync primitive: see
// stacks.Class), and no Hold is active before or after the dump (a timer, a
// sleep, a pending read from stdin may wake one). A goroutine the runtime has
// woken is "runnable" even before it runs, so a dump never calls it asleep.
// A dump is still one instant: a caller should see the same deadlock in
// several dumps, some time apart, before reporting it (the worker wants
// three, 300 ms apart, with no goroutine started in between).

// Parked is one of the user's goroutines in a deadlock.
type Parked struct {
	Cell  string // the cell that started it, e.g. "In[3]"
	State string // Go's wait reason: "chan receive", "select", ... (Goroutine.Reason)
	ID    int64  // the goroutine, as Go numbers it
	// Func and At are the student's function and position where it waits
	// ("main.worker", "In[3]:8"), when known (waits.go).
	Func, At string
	Where    []string // frames of compiled code outside the runtime, the interpreter and the kernel
	// Inner is how many of Where come before Func: the compiled code the
	// student's function called and waits in (errgroup.(*Group).Go); the
	// rest called the student's function (errgroup.(*Group).Go.func1).
	Inner int
	main  bool // the goroutine that runs its cell
}

// Deadlock reports whether every user goroutine is parked for good, and
// where they are: each cell's goroutines, oldest cell first, the one that
// runs the cell first, then in the order Go numbers them. It returns false
// when there is no user goroutine, or while a Hold is active.
func (t *Tracker) Deadlock() ([]Parked, bool) {
	if t.holds.Load() > 0 {
		return nil, false
	}
	gs := t.Goroutines()
	if t.holds.Load() > 0 {
		return nil, false
	}
	type entry struct {
		cell *Cell
		Parked
	}
	var all []entry
	for _, g := range gs {
		if g.Cell == nil {
			continue // a cell of another tracker, or one forgotten
		}
		if g.Class() != stacks.Blocked {
			return nil, false
		}
		all = append(all, entry{g.Cell, g.Parked()})
	}
	if len(all) == 0 {
		return nil, false
	}
	slices.SortStableFunc(all, func(a, b entry) int {
		if a.cell.Count != b.cell.Count {
			return a.cell.Count - b.cell.Count
		}
		if a.main != b.main {
			if a.main {
				return -1
			}
			return 1
		}
		return int(a.ID - b.ID)
	})
	parked := make([]Parked, len(all))
	for i, g := range all {
		parked[i] = g.Parked
	}
	return parked, true
}

// Parked is g as a report of blocked goroutines shows it (DeadlockReport,
// ParkedReport). g.Cell must be set.
func (g Goroutine) Parked() Parked {
	_, own := g.Labels[gLabel]
	// A goroutine compiled code started carries its creator's labels: it
	// is not the cell's own, though its label set is.
	foreign := g.CreatedBy != nil && !recovers(g.CreatedBy.Func)
	where, inner := userFrames(g.Frames)
	return Parked{Cell: g.Cell.String(), State: g.Reason, ID: g.ID, Func: g.Func, At: g.Where,
		Where: where, Inner: inner, main: !own && !foreign}
}

// userFrames names the frames of a stack that are not the runtime's, the
// interpreter's or the kernel's: they say nothing about the student's code.
// inner is how many of them come before the interpreter's first frame,
// where the student's code runs.
func userFrames(frames []stacks.Frame) (out []string, inner int) {
	interpreted := false
	for _, f := range frames {
		if strings.HasPrefix(f.Func, yaegiPkg) {
			interpreted = true
		}
		if !internalFrame(f.Func) {
			out = append(out, f.Func)
			if !interpreted {
				inner++
			}
		}
	}
	if !interpreted {
		inner = 0 // no interpreter frame: nothing to put them around
	}
	return out, inner
}

func internalFrame(f string) bool {
	for _, p := range []string{"runtime.", "reflect.", "sync.", "internal/", "github.com/traefik/yaegi/", "github.com/gokernel/gokernel/"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// Hold marks an outside event that may wake a user goroutine (a timer, a
// pending read from stdin); while any hold is active there is no deadlock.
// Release undoes one Hold.
func (t *Tracker) Hold()    { t.holds.Add(1) }
func (t *Tracker) Release() { t.holds.Add(-1) }

// DeadlockError is the error that ends a cell whose goroutines deadlocked.
func DeadlockError(parked []Parked) *outcome.Error {
	return &outcome.Error{Name: "fatal error", Value: "all goroutines are asleep - deadlock!", Traceback: DeadlockReport(parked)}
}

// maxParked is how many goroutines a deadlock report shows.
const maxParked = 50

// DeadlockReport formats parked goroutines the way Go reports a deadlock:
//
//	fatal error: all goroutines are asleep - deadlock!
//
//	goroutine 1 [chan send]:
//	main.main(...)
//		In[3]:8
//	exit status 2
//
// with every goroutine, where it waits when known, and the cell that
// started it when that is not the cell that ended.
func DeadlockReport(parked []Parked) []string {
	lines := append([]string{"fatal error: all goroutines are asleep - deadlock!"}, ParkedReport(parked)...)
	return append(lines, "exit status 2")
}

// ParkedReport is the goroutines part of DeadlockReport: for each goroutine
// an empty line, "goroutine N [reason]:" and where it waits. %check lists
// the goroutines a timed-out check left blocked with it.
func ParkedReport(parked []Parked) []string {
	var lines []string
	for i, p := range parked {
		if i == maxParked {
			lines = append(lines, "", fmt.Sprintf("...%s more...", outcome.Count(len(parked)-i, "goroutine")))
			break
		}
		lines = append(lines, "", fmt.Sprintf("goroutine %d [%s]:", p.ID, p.State))
		for _, w := range p.Where[:p.Inner] {
			lines = append(lines, w+"(...)", "\t?")
		}
		if p.Func != "" {
			lines = append(lines, p.Func+"(...)", "\t"+p.At)
		}
		for _, w := range p.Where[p.Inner:] {
			lines = append(lines, w+"(...)", "\t?")
		}
		if p.Func == "" && len(p.Where) == 0 {
			lines = append(lines, "\t(started in "+p.Cell+")")
		}
	}
	return lines
}

// WatchDeadlock samples Deadlock every `every` until ctx ends, and sends on
// the channel it returns the parked goroutines once it has seen the same
// deadlock `samples` times in a row with no goroutine started in between.
// A goroutine that was just woken still shows the stack it parked with
// until it runs: under load, a busy fan-out can look parked in one sample;
// a deadlock looks the same every time. The channel gets at most one value.
func (t *Tracker) WatchDeadlock(ctx context.Context, every time.Duration, samples int) <-chan []Parked {
	found := make(chan []Parked, 1)
	go func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		seen, last := 0, ""
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			parked, ok := t.Deadlock()
			if !ok {
				seen, last = 0, ""
				continue
			}
			sig := fmt.Sprint(parked, t.Started())
			if sig != last {
				seen, last = 1, sig
				continue
			}
			if seen++; seen >= samples {
				found <- parked
				return
			}
		}
	}()
	return found
}

// WaitFor waits until done is closed, or for the interrupt: a wait that
// compiled code does in the student's place (the engine's WaitGroup.Wait),
// named in reports as standsFor says.
func (t *Tracker) WaitFor(done <-chan struct{}) {
	select {
	case <-done:
	case <-t.Done():
		t.Interrupt()
	}
}
