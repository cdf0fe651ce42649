package timeline

import "github.com/gokernel/gokernel/kernel/sched/stacks"

// Profiler labels of other goroutines have no API: the execution trace
// does not carry them, and the goroutine profile groups goroutines by stack
// without their IDs. The one place the runtime shows them by goroutine ID
// is a traceback of all goroutines with GODEBUG=tracebacklabels=1, which
// prints each goroutine's labels in its header line:
//
//	goroutine 20 [chan receive labels:{"gokernel.cell": "ab12", "gokernel.count": "3"}]:
//
// snapshotGoroutines takes that traceback with package sched/stacks (All),
// the kernel's one place that turns the setting on, for the length of one
// runtime.Stack call and under one mutex: the deadlock check, %goroutines
// and the timeline share it, so two dumps never race on GODEBUG (one
// restoring it while the other still needs it). stacks also parses the dump,
// wait reasons and labels included, in one table.

// snap is what a full traceback says of one goroutine.
type snap struct {
	labels  map[string]string
	status  string // wait reason: "chan receive", "sync.Mutex.Lock", "running", …
	entry   string // outermost function on its stack
	created Frame  // "created by" site, Func "" if none
	parent  int64
}

type snapshot map[int64]snap

func snapshotGoroutines() snapshot { return snapshotOf(stacks.All()) }

// snapshotOf indexes a parsed dump by goroutine ID.
func snapshotOf(gs []stacks.Goroutine) snapshot {
	out := make(snapshot, len(gs))
	for _, g := range gs {
		s := snap{labels: g.Labels, status: g.Status, parent: g.Creator}
		if n := len(g.Frames); n > 0 {
			s.entry = g.Frames[n-1].Func
		}
		if c := g.CreatedBy; c != nil {
			s.created = Frame{Func: c.Func, File: c.File, Line: c.Line}
		}
		out[g.ID] = s
	}
	return out
}

// fromSnapshots completes g from the tracebacks taken around f: labels as
// they were at the end, and entry function and creation site for a
// goroutine older than the trace.
func (b *builder) fromSnapshots(g *Goroutine) {
	for _, sn := range []snapshot{b.before, b.after} {
		s, ok := sn[g.ID]
		if !ok {
			continue
		}
		g.Labels = s.labels // the later traceback wins
		if g.Func == "" {
			g.Func = s.entry
		}
		if g.Created == nil && s.created.Func != "" {
			g.Created = []Frame{s.created}
			g.Parent = s.parent
		}
	}
}
