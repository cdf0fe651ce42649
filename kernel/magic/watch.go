package magic

// %goroutines --watch: a live view of a long cell. From the magic's line
// to the end of the cell, one display (display_data with a display_id,
// then update_display_data about every watchEvery) counts the user's
// goroutines — those of every cell, as %goroutines lists them — running,
// runnable, and waiting, by what they wait for, in Go's words: "what is it
// waiting for?" while it waits. The last update, when the cell ends, says
// so.
//
// Where the counts come from: sched.Tracker.Goroutines (one goroutine dump,
// the deadlock check's reasons). A dump stops the world, so every goroutine
// that was on a CPU shows in it as runnable; runtime/metrics counts the
// goroutines running at the moment (process-wide, the watcher among them),
// which splits the dump's runnable ones into running and runnable. The
// watcher's own goroutine carries no cell labels (it is not one of the
// user's, and a deadlock report must not list it) but while it publishes.

import (
	"cmp"
	"fmt"
	"html"
	"runtime/metrics"
	"slices"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

// watchEvery is how often the live view is updated.
const watchEvery = 500 * time.Millisecond

type watcher struct {
	stop, done chan struct{}
}

// goroutinesMagic is %goroutines [--watch].
func (r *Runner) goroutinesMagic(args string) *outcome.Error {
	switch strings.TrimSpace(args) {
	case "":
		r.goroutines()
		return nil
	case "--watch", "-w":
		r.startWatch()
		return nil
	}
	return magicError("%goroutines: unknown argument " + args + " (want nothing, or --watch)")
}

// startWatch shows the live view and updates it until stopWatch.
func (r *Runner) startWatch() {
	if r.watch != nil {
		return // already watching this cell
	}
	cell := r.Tracker.Current()
	id := display.NewID()
	start := time.Now()
	r.show(outcome.Display{Data: r.watchBundle(cell, start, false), ID: id})
	w := &watcher{stop: make(chan struct{}), done: make(chan struct{})}
	r.watch = w
	go func() {
		defer close(w.done)
		r.Tracker.Leave()
		publish := func(final bool) {
			b := r.watchBundle(cell, start, final)
			if cell != nil {
				r.Tracker.Enter(cell) // the update goes to the cell's output
				defer r.Tracker.Leave()
			}
			r.show(outcome.Display{Data: b, ID: id, Update: true})
		}
		tick := time.NewTicker(watchEvery)
		defer tick.Stop()
		for {
			select {
			case <-w.stop:
				publish(true)
				return
			case <-tick.C:
				publish(false)
			}
		}
	}()
}

// stopWatch ends the live view with a last update, once the cell ends.
func (r *Runner) stopWatch() {
	if r.watch == nil {
		return
	}
	close(r.watch.stop)
	<-r.watch.done
	r.watch = nil
}

// watchCounts is one sample of the user's goroutines.
type watchCounts struct {
	total, running, runnable int
	waiting                  []reasonCount // blocked, sleeping, in a syscall, …, by reason
}

type reasonCount struct {
	reason string
	class  stacks.Class
	n      int
}

func (r *Runner) sample() watchCounts {
	m := []metrics.Sample{{Name: "/sched/goroutines/running:goroutines"}}
	metrics.Read(m)
	var c watchCounts
	active := 0
	for _, g := range r.Tracker.Goroutines() {
		c.total++
		switch cl := g.Class(); cl {
		case stacks.Running, stacks.Runnable:
			active++
		default:
			i := slices.IndexFunc(c.waiting, func(x reasonCount) bool { return x.reason == g.Reason })
			if i < 0 {
				c.waiting = append(c.waiting, reasonCount{reason: g.Reason, class: cl})
				i = len(c.waiting) - 1
			}
			c.waiting[i].n++
		}
	}
	onCPU := 0
	if m[0].Value.Kind() == metrics.KindUint64 {
		onCPU = int(m[0].Value.Uint64()) - 1 // the watcher reading them
	}
	c.running = min(active, max(onCPU, 0))
	c.runnable = active - c.running
	slices.SortFunc(c.waiting, func(a, b reasonCount) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.reason, b.reason)) })
	return c
}

// watchBundle renders one sample as text/plain and text/html.
func (r *Runner) watchBundle(cell *sched.Cell, start time.Time, final bool) map[string]any {
	c := r.sample()
	name := "this cell"
	if cell != nil {
		name = cell.String()
	}
	el := time.Since(start).Round(100 * time.Millisecond)
	head := fmt.Sprintf("%s: running for %s", name, el)
	if final {
		head = fmt.Sprintf("%s: ended after %s", name, el)
	}
	head += fmt.Sprintf(" — %s of yours (every cell's)", outcome.Count(c.total, "goroutine"))
	type row struct {
		state string
		n     int
		what  string
	}
	blocked := 0
	var others []row
	var on []string
	for _, w := range c.waiting {
		if w.class == stacks.Blocked {
			blocked += w.n
			on = append(on, fmt.Sprintf("%s %d", w.reason, w.n))
			continue
		}
		what := map[stacks.Class]string{stacks.Sleeping: "a timer wakes them", stacks.Syscall: "the outside world (I/O, a system call)",
			stacks.Runtime: "the runtime (the garbage collector)"}[w.class]
		others = append(others, row{w.reason, w.n, what})
	}
	rows := []row{
		{"running", c.running, "on a CPU"},
		{"runnable", c.runnable, "ready, waiting for a CPU (a P)"},
		{"blocked", blocked, strings.Join(on, ", ")},
	}
	rows = append(rows, others...)

	var text, htm strings.Builder
	text.WriteString(head + "\n")
	htm.WriteString(`<div class="gokernel-watch"><b>` + html.EscapeString(head) + `</b><table><tr><th style="text-align:left">state</th><th>goroutines</th><th style="text-align:left">on what</th></tr>`)
	for _, x := range rows {
		fmt.Fprintf(&text, "  %-14s %6d  %s\n", x.state, x.n, x.what)
		fmt.Fprintf(&htm, `<tr><td style="text-align:left">%s</td><td>%d</td><td style="text-align:left">%s</td></tr>`,
			html.EscapeString(x.state), x.n, html.EscapeString(x.what))
	}
	htm.WriteString("</table></div>")
	return map[string]any{"text/plain": strings.TrimSuffix(text.String(), "\n"), "text/html": htm.String()}
}
