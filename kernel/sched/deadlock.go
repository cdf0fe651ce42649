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

// Parked is one group of the user's goroutines in a deadlock: same cell,
// same wait, same place.
type Parked struct {
	Cell  string // the cell that started them, e.g. "In[3]"
	State string // Go's wait reason: "chan receive", "select", ... (Goroutine.Reason)
	Count int
	Where []string // frames of compiled code outside the runtime, the interpreter and the kernel
	IDs   []int64  // the goroutines, as Go numbers them
}

// Deadlock reports whether every user goroutine is parked for good, and
// where they are. It returns false when there is no user goroutine, or while
// a Hold is active.
func (t *Tracker) Deadlock() ([]Parked, bool) {
	if t.holds.Load() > 0 {
		return nil, false
	}
	gs := t.Goroutines()
	if t.holds.Load() > 0 {
		return nil, false
	}
	type group struct {
		cell *Cell
		Parked
	}
	var groups []group
	for _, g := range gs {
		if g.Cell == nil {
			continue // a cell of another tracker, or one forgotten
		}
		if g.Class() != stacks.Blocked {
			return nil, false
		}
		where := userFrames(g.Frames)
		i := slices.IndexFunc(groups, func(p group) bool {
			return p.cell == g.Cell && p.State == g.Reason && slices.Equal(p.Where, where)
		})
		if i < 0 {
			groups = append(groups, group{g.Cell, Parked{Cell: g.Cell.String(), State: g.Reason, Where: where}})
			i = len(groups) - 1
		}
		groups[i].Count++
		groups[i].IDs = append(groups[i].IDs, g.ID)
	}
	if len(groups) == 0 {
		return nil, false
	}
	slices.SortStableFunc(groups, func(a, b group) int { return a.cell.Count - b.cell.Count })
	parked := make([]Parked, len(groups))
	for i, g := range groups {
		parked[i] = g.Parked
	}
	return parked, true
}

// userFrames names the frames of a stack that are not the runtime's, the
// interpreter's or the kernel's: they say nothing about the student's code.
func userFrames(frames []stacks.Frame) []string {
	var out []string
	for _, f := range frames {
		if !internalFrame(f.Func) {
			out = append(out, f.Func)
		}
	}
	return out
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

// DeadlockReport formats parked goroutines the way Go reports a deadlock.
func DeadlockReport(parked []Parked) []string {
	lines := []string{"fatal error: all goroutines are asleep - deadlock!", ""}
	for _, p := range parked {
		head := fmt.Sprintf("goroutine [%s], started in %s", p.State, p.Cell)
		if p.Count > 1 {
			head += " (" + outcome.Count(p.Count, "goroutine") + ")"
		}
		lines = append(lines, head+":")
		for _, w := range p.Where {
			lines = append(lines, "\t"+w)
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
