// Package timeline shows a student what the Go scheduler did while a cell
// ran (%%timeline): which goroutine ran on which P, when each of the
// user's goroutines was running, runnable or blocked — and on what — and
// the regions and tasks the code marked with runtime/trace.
//
// Record runs f under runtime/trace (trace.Start into a buffer, f,
// trace.Stop), parses the execution trace and builds a Trace; SVG draws it
// and Summary tabulates it.
//
// Why golang.org/x/exp/trace: the execution trace is the runtime's own
// record of every scheduling decision (goroutine creation, start, block
// with the runtime's reason and stack, unblock, preemption, syscalls, GC),
// timestamped on the runtime's clock, at a cost a hand-made tracer could not
// match — a tracer of our own would only see what the interpreter tells it,
// never preemption or which P ran what. Its binary format changes with Go
// releases; x/exp/trace is the Go team's parser for it (the same code as the
// standard library's internal/trace behind `go tool trace`), validated
// against the runtime of each release, and it already resolves the format
// into state transitions of goroutines and Ps. We only map those to what a
// student needs (the table in model.go).
//
// Which goroutines are shown is Options.Keep's choice, from facts the
// trace gives (who created whom, during the window or before) and, with
// Options.Labels, the profiler labels every goroutine carries (see package
// sched: the kernel marks a cell's goroutines with the label
// "gokernel.cell", which the runtime copies to every goroutine they start).
// Goroutines of the runtime itself (entry function in package runtime or
// runtime/trace, such as GC workers and the trace reader) are never the
// user's.
//
// Contract: one recording at a time per process (the execution tracer is
// process-wide; Record returns an error when tracing is already on); f runs
// on the calling goroutine; a panic in f stops the trace and goes on up.
package timeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"runtime"
	"runtime/trace"
	"sort"
	"strconv"
	"strings"
	"time"

	xtrace "golang.org/x/exp/trace"
)

// Options tune Record.
type Options struct {
	// Keep says whether a goroutine that existed during the window is the
	// user's (gets a lane). nil: KeepDescendants. Its Spans, Func, Where,
	// Labels, Parent, Caller and Descendant are filled in when Keep is
	// called; goroutines of the runtime are never offered.
	Keep func(g *Goroutine) bool

	// Frame turns a frame of a goroutine's creation stack into the label on
	// its lane (Goroutine.Where). It is offered the frames innermost first;
	// the first it accepts (ok) wins. nil: DefaultFrame.
	Frame func(f Frame) (label string, ok bool)

	// Labels reads every goroutine's profiler labels (and the creation site
	// of goroutines older than the recording) just before and just after f
	// runs, into Goroutine.Labels. It costs a runtime.Stack of all
	// goroutines twice; see labels.go for how labels are read.
	Labels bool

	// StandsFor names functions that wait in the user's place. It is asked
	// about the first function outside packages runtime and reflect of the
	// stack a goroutine blocks with; a reason it gives, in the runtime's
	// words ("chan receive", "sleep"; classified by the transitions table),
	// replaces the runtime's own (a kernel's interruptible time.Sleep blocks
	// in a select on a timer, and sleeps).
	StandsFor func(fn string) (waitReason string, ok bool)

	// Skip, when set, is asked once f has returned and the tracer has
	// stopped, with the size of the trace: true drops the recording
	// unparsed (RecordWith returns ErrSkipped), as when the cell was
	// interrupted and parsing a large trace would delay its end.
	Skip func(traceBytes int) bool
}

// ErrSkipped is RecordWith's error when Options.Skip dropped the recording.
var ErrSkipped = errors.New("timeline: recording dropped")

// KeepDescendants is the default rule: f's goroutine and the goroutines it
// created during the recording, and those they created, transitively.
func KeepDescendants(g *Goroutine) bool { return g.Caller || g.Descendant }

// KeepLabel keeps f's goroutine, its descendants, and every goroutine
// whose profiler label key is set — to one of values, if any are given
// (needs Options.Labels). KeepLabel("gokernel.cell") keeps the goroutines
// of every cell, also those earlier cells left running;
// KeepLabel("gokernel.cell", id) those of one cell.
func KeepLabel(key string, values ...string) func(g *Goroutine) bool {
	return func(g *Goroutine) bool {
		if g.Caller || g.Descendant {
			return true
		}
		v, ok := g.Labels[key]
		if !ok || v == "" {
			return false
		}
		if len(values) == 0 {
			return true
		}
		for _, want := range values {
			if v == want {
				return true
			}
		}
		return false
	}
}

// DefaultFrame labels a creation site "pkg.Func file.go:LINE", skipping
// frames of package runtime.
func DefaultFrame(f Frame) (string, bool) {
	if isRuntime(f.Func) || f.Func == "" {
		return "", false
	}
	return ShortFunc(f.Func) + " " + path.Base(f.File) + ":" + strconv.Itoa(f.Line), true
}

// ShortFunc drops the import path from a function name:
// "github.com/a/b.(*T).m" -> "b.(*T).m".
func ShortFunc(fn string) string {
	if i := strings.LastIndexByte(fn, '/'); i >= 0 {
		return fn[i+1:]
	}
	return fn
}

func isRuntime(fn string) bool {
	return strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "runtime/")
}

// markCategory is the trace.Log category of the window's start and end.
const markCategory = "gokernel/timeline"

// WhereCategory and FuncCategory let code name a goroutine where the Go
// stack cannot: a goroutine that calls
//
//	trace.Log(ctx, timeline.WhereCategory, "In[3]:5")
//	trace.Log(ctx, timeline.FuncCategory, "worker")
//
// during the recording gets that Where (creation site) and Func (name) on
// its lane, whatever its stacks say. The kernel's goroutine starter can do
// it first thing in each goroutine of an interpreted go statement, when
// trace.IsEnabled(): the Go stacks of interpreted code are the
// interpreter's (interp.runCfg, created at interp.call.func9 run.go:…).
// These logs are not drawn.
const (
	WhereCategory = "gokernel/where"
	FuncCategory  = "gokernel/func"
)

// Record runs f under the execution tracer and returns what the scheduler
// did meanwhile, with the default Options.
func Record(f func()) (*Trace, error) { return RecordWith(Options{}, f) }

// RecordWith is Record with options.
func RecordWith(opts Options, f func()) (*Trace, error) {
	raw, err := recordRaw(opts.Labels, f)
	if err != nil {
		return nil, err
	}
	if opts.Skip != nil && opts.Skip(raw.buf.Len()) {
		return nil, ErrSkipped
	}
	return raw.build(opts)
}

// raw is a recording not yet parsed.
type raw struct {
	buf           bytes.Buffer
	procs         int
	before, after snapshot
}

func recordRaw(labels bool, f func()) (*raw, error) {
	r := &raw{procs: runtime.GOMAXPROCS(0)}
	if err := trace.Start(&r.buf); err != nil {
		return nil, fmt.Errorf("timeline: cannot start the execution tracer: %w", err)
	}
	if labels {
		r.before = snapshotGoroutines() // after trace.Start: every goroutine in it is in the trace
	}
	ctx := context.Background()
	done := false
	defer func() {
		if !done { // f panicked
			trace.Log(ctx, markCategory, "end")
			trace.Stop()
		}
	}()
	trace.Log(ctx, markCategory, "start")
	f()
	trace.Log(ctx, markCategory, "end")
	if labels {
		r.after = snapshotGoroutines()
	}
	trace.Stop() // returns once the whole trace is in buf
	done = true
	return r, nil
}

func (r *raw) build(opts Options) (*Trace, error) {
	t, err := build(bytes.NewReader(r.buf.Bytes()), opts, r.before, r.after)
	if t != nil {
		t.GOMAXPROCS = r.procs
		t.Bytes = r.buf.Len()
	}
	return t, err
}

// gtrack follows one goroutine through the trace (any goroutine, the
// user's or not: the filter runs at the end).
type gtrack struct {
	g       *Goroutine
	seen    bool
	alive   bool
	created int64 // absolute creation time, -1 before the trace
	state   State
	why     Reason
	raw     string
	p       int
	since   int64
	stack   xtrace.Stack // any stack of the goroutine, for its entry function
	label   string       // the trace's label (GC workers)
	where   string       // logged under WhereCategory
	name    string       // logged under FuncCategory
	open    []int        // open regions, indexes into g.Regions
	assist  int64        // start of an open GC mark assist, -1 if none
	spans   []Span       // absolute times until finish
	regions []Region
}

type builder struct {
	opts   Options
	gs     map[int64]*gtrack
	procs  map[int][]ProcSpan
	first  int64
	last   int64
	t0, t1 int64 // window, absolute; -1 until seen
	caller int64
	tasks  map[uint64]*Task
	taskAt []uint64 // task IDs in order of first sight
	gcOpen map[string]int64
	gc     []Range
	events int
	before snapshot
	after  snapshot
}

func build(r io.Reader, opts Options, before, after snapshot) (*Trace, error) {
	rd, err := xtrace.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("timeline: reading the trace: %w", err)
	}
	b := &builder{
		opts: opts, gs: map[int64]*gtrack{}, procs: map[int][]ProcSpan{},
		first: -1, t0: -1, t1: -1, caller: -1,
		tasks: map[uint64]*Task{}, gcOpen: map[string]int64{},
		before: before, after: after,
	}
	for {
		ev, err := rd.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("timeline: parsing the trace: %w", err)
		}
		b.event(ev)
	}
	return b.finish()
}

func (b *builder) track(id int64) *gtrack {
	gt := b.gs[id]
	if gt == nil {
		gt = &gtrack{g: &Goroutine{ID: id}, created: -1, p: -1, assist: -1}
		if s, ok := b.before[id]; ok {
			gt.g.Labels = s.labels
		}
		b.gs[id] = gt
	}
	return gt
}

func (b *builder) event(ev xtrace.Event) {
	b.events++
	now := int64(ev.Time())
	if b.first < 0 {
		b.first = now
	}
	if now > b.last {
		b.last = now
	}
	switch ev.Kind() {
	case xtrace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind == xtrace.ResourceGoroutine {
			b.goTransition(ev, st, now)
		}
	case xtrace.EventLog:
		l := ev.Log()
		g := int64(ev.Goroutine())
		if l.Category == markCategory {
			switch {
			case l.Message == "start" && b.t0 < 0:
				b.t0, b.caller = now, g
			case l.Message == "end" && b.t0 >= 0 && g == b.caller && b.t1 < 0:
				b.t1 = now
			}
			return
		}
		if ev.Goroutine() != xtrace.NoGoroutine {
			gt := b.track(g)
			switch l.Category {
			case WhereCategory:
				gt.where = l.Message
				return
			case FuncCategory:
				gt.name = l.Message
				return
			}
			gt.g.Logs = append(gt.g.Logs, Log{At: time.Duration(now), Category: l.Category, Message: l.Message})
		}
	case xtrace.EventLabel:
		l := ev.Label()
		if l.Resource.Kind == xtrace.ResourceGoroutine {
			b.track(int64(l.Resource.Goroutine())).label = l.Label
		}
	case xtrace.EventRegionBegin, xtrace.EventRegionEnd:
		if ev.Goroutine() == xtrace.NoGoroutine {
			return
		}
		gt := b.track(int64(ev.Goroutine()))
		r := ev.Region()
		if ev.Kind() == xtrace.EventRegionBegin {
			gt.open = append(gt.open, len(gt.regions))
			gt.regions = append(gt.regions, Region{Type: r.Type, Task: uint64(r.Task), Start: time.Duration(now), End: -1, Depth: len(gt.open) - 1})
			b.taskSeen(r.Task)
			return
		}
		for i := len(gt.open) - 1; i >= 0; i-- {
			if reg := &gt.regions[gt.open[i]]; reg.Type == r.Type {
				reg.End = time.Duration(now)
				gt.open = append(gt.open[:i], gt.open[i+1:]...)
				return
			}
		}
		// begun before the trace
		gt.regions = append(gt.regions, Region{Type: r.Type, Task: uint64(r.Task), Start: time.Duration(b.first), End: time.Duration(now)})
	case xtrace.EventTaskBegin, xtrace.EventTaskEnd:
		tk := ev.Task()
		if tk.ID == xtrace.NoTask || tk.ID == xtrace.BackgroundTask {
			return
		}
		t := b.taskSeen(tk.ID)
		if tk.Type != "" {
			t.Type = tk.Type
		}
		if tk.Parent != xtrace.NoTask && tk.Parent != xtrace.BackgroundTask {
			t.Parent = uint64(tk.Parent)
		}
		if ev.Kind() == xtrace.EventTaskBegin {
			t.Start = time.Duration(now)
			if ev.Goroutine() != xtrace.NoGoroutine {
				t.G = int64(ev.Goroutine())
			}
		} else {
			t.End = time.Duration(now)
		}
	case xtrace.EventRangeBegin, xtrace.EventRangeActive, xtrace.EventRangeEnd:
		b.rangeEvent(ev, now)
	}
}

func (b *builder) taskSeen(id xtrace.TaskID) *Task {
	if id == xtrace.NoTask || id == xtrace.BackgroundTask {
		return nil
	}
	t := b.tasks[uint64(id)]
	if t == nil {
		t = &Task{ID: uint64(id), Start: time.Duration(b.first), End: -1}
		b.tasks[uint64(id)] = t
		b.taskAt = append(b.taskAt, uint64(id))
	}
	return t
}

func (b *builder) rangeEvent(ev xtrace.Event, now int64) {
	r := ev.Range()
	begin := ev.Kind() != xtrace.EventRangeEnd
	at := now
	if ev.Kind() == xtrace.EventRangeActive {
		at = b.first
	}
	switch {
	case r.Name == "GC mark assist" && r.Scope.Kind == xtrace.ResourceGoroutine:
		gt := b.track(int64(r.Scope.Goroutine()))
		if begin {
			if gt.assist < 0 || ev.Kind() == xtrace.EventRangeBegin { // "active" repeats at each generation
				gt.assist = at
			}
		} else {
			start := gt.assist
			if start < 0 {
				start = b.first
			}
			gt.g.Assist = append(gt.g.Assist, Range{Name: "GC mark assist", Start: time.Duration(start), End: time.Duration(now)})
			gt.assist = -1
		}
	case r.Name == "GC concurrent mark phase" || strings.HasPrefix(r.Name, "stop-the-world"):
		name := "GC"
		if r.Name != "GC concurrent mark phase" {
			name = strings.TrimSuffix(strings.Replace(r.Name, " (", ": ", 1), ")")
		}
		if begin {
			if _, open := b.gcOpen[name]; !open || ev.Kind() == xtrace.EventRangeBegin {
				b.gcOpen[name] = at
			}
			return
		}
		start, ok := b.gcOpen[name]
		if !ok {
			start = b.first
		}
		delete(b.gcOpen, name)
		b.gc = append(b.gc, Range{Name: name, Start: time.Duration(start), End: time.Duration(now)})
	}
}

func (b *builder) goTransition(ev xtrace.Event, st xtrace.StateTransition, now int64) {
	id := int64(st.Resource.Goroutine())
	from, to := st.Goroutine()
	gt := b.track(id)
	if gt.stack == xtrace.NoStack && st.Stack != xtrace.NoStack {
		gt.stack = st.Stack
	}
	stack := st.Stack
	if stack == xtrace.NoStack {
		stack = ev.Stack()
	}
	state, why, ok := classify(to, st.Reason, stack)
	if ok && state == Blocked && b.opts.StandsFor != nil && stack != xtrace.NoStack {
		why = b.standsFor(stack, why)
	}
	if from == xtrace.GoNotExist && to != xtrace.GoNotExist { // creation
		gt.seen, gt.alive, gt.created = true, true, now
		g := gt.g
		if creator := ev.Goroutine(); creator != xtrace.NoGoroutine {
			g.Parent = int64(creator)
			p := b.gs[g.Parent]
			g.Descendant = b.t0 >= 0 && (g.Parent == b.caller || p != nil && p.g.Descendant)
			if p != nil && g.Labels == nil {
				g.Labels = p.g.Labels // the runtime copies a goroutine's labels to those it starts
			}
		}
		if s := ev.Stack(); s != xtrace.NoStack {
			for f := range s.Frames() {
				g.Created = append(g.Created, Frame{Func: f.Func, File: f.File, Line: int(f.Line)})
			}
		}
		if st.Stack != xtrace.NoStack {
			for f := range st.Stack.Frames() {
				g.Func = f.Func // the new goroutine's start: its entry function
				break
			}
		}
	} else if !gt.seen { // first sight of a goroutine older than the trace
		gt.seen, gt.since = true, b.first
		if from == xtrace.GoUndetermined { // its status: it was in this state all along
			gt.alive, gt.state, gt.why, gt.raw = ok, state, why, st.Reason
			if why == Unknown && b.before[id].status != "" { // the traceback taken at the start says on what
				gt.raw = b.before[id].status
				gt.state, gt.why, _ = classify(to, gt.raw, xtrace.NoStack)
			}
			if to == xtrace.GoRunning {
				gt.p = int(ev.Proc())
			}
			return
		}
		// a transition out of a state the trace did not report: that state all along
		gt.state, gt.why, gt.alive = Blocked, Unknown, true
		if s, w, ok := classify(from, "", xtrace.NoStack); ok {
			gt.state, gt.why = s, w
		}
	} else if (from == to || from == xtrace.GoUndetermined) && gt.alive && ok && state == gt.state {
		return // the status repeated at a new generation of the trace
	}
	if gt.alive && gt.since < now {
		gt.close(b, now)
	}
	if !ok {
		gt.alive = false // ended (NotExist)
		if to == xtrace.GoNotExist {
			gt.g.Ended = true
		}
		return
	}
	gt.alive, gt.state, gt.why, gt.raw, gt.since, gt.p = true, state, why, st.Reason, now, -1
	if state == Running {
		gt.p = int(ev.Proc())
	}
}

// standsFor is Options.StandsFor's reason for a blocking stack; why if it
// gives none.
func (b *builder) standsFor(stack xtrace.Stack, why Reason) Reason {
	for f := range stack.Frames() {
		if strings.HasPrefix(f.Func, "runtime.") || strings.HasPrefix(f.Func, "reflect.") {
			continue
		}
		if r, ok := b.opts.StandsFor(f.Func); ok {
			if _, w, ok := classify(xtrace.GoWaiting, r, xtrace.NoStack); ok {
				return w
			}
		}
		break
	}
	return why
}

// close ends the goroutine's current span at now.
func (gt *gtrack) close(b *builder, now int64) {
	if gt.state == 0 {
		return
	}
	s := Span{Start: time.Duration(gt.since), End: time.Duration(now), State: gt.state, Reason: gt.why, Raw: gt.raw, P: gt.p}
	if gt.state != Blocked {
		s.Reason = ""
	}
	if gt.state != Running {
		s.P = -1
	}
	if n := len(gt.spans); n > 0 && gt.spans[n-1].End == s.Start && gt.spans[n-1].State == s.State &&
		gt.spans[n-1].Reason == s.Reason && gt.spans[n-1].P == s.P {
		gt.spans[n-1].End = s.End
	} else {
		gt.spans = append(gt.spans, s)
	}
	if gt.state == Running && gt.p >= 0 {
		b.procs[gt.p] = append(b.procs[gt.p], ProcSpan{Start: s.Start, End: s.End, G: gt.g.ID})
	}
	gt.since = now
}

// clip moves [s, e] (absolute) into the window; ok is false outside it.
func (b *builder) clip(s, e time.Duration) (time.Duration, time.Duration, bool) {
	t0, t1 := time.Duration(b.t0), time.Duration(b.t1)
	if e <= t0 || s >= t1 || e <= s {
		return 0, 0, false
	}
	return max(s, t0) - t0, min(e, t1) - t0, true
}

func (b *builder) finish() (*Trace, error) {
	if b.t0 < 0 {
		return nil, errors.New("timeline: the trace has no start mark")
	}
	if b.t1 < 0 {
		b.t1 = b.last
	}
	t := &Trace{Duration: time.Duration(b.t1 - b.t0), Caller: b.caller, Events: b.events}
	kept := map[int64]bool{}
	gc := map[int64]bool{}
	var keep []*Goroutine
	keepFn := b.opts.Keep
	if keepFn == nil {
		keepFn = KeepDescendants
	}
	frame := b.opts.Frame
	if frame == nil {
		frame = DefaultFrame
	}
	for id, gt := range b.gs {
		if gt.alive {
			gt.close(b, b.last)
		}
		g := gt.g
		g.Caller = id == b.caller
		for _, s := range gt.spans {
			if st, en, ok := b.clip(s.Start, s.End); ok {
				s.Start, s.End = st, en
				g.Spans = append(g.Spans, s)
			}
		}
		if len(g.Spans) == 0 {
			continue
		}
		if g.Func == "" && gt.stack != xtrace.NoStack {
			for f := range gt.stack.Frames() {
				g.Func = f.Func // outermost frame last
			}
		}
		b.fromSnapshots(g)
		if g.Func == "runtime.gcBgMarkWorker" || strings.HasPrefix(gt.label, "GC ") {
			gc[id] = true
		}
		system := isRuntime(g.Func)
		for _, f := range g.Created {
			if label, ok := frame(f); ok {
				g.Where = label
				break
			}
		}
		if gt.where != "" {
			g.Where = gt.where
		}
		if gt.name != "" {
			g.Func = gt.name
		}
		if system || !keepFn(g) {
			t.Others++
			continue
		}
		kept[id] = true
		for _, r := range gt.regions {
			if r.End < 0 {
				r.End = time.Duration(b.t1)
			}
			if st, en, ok := b.clip(r.Start, r.End); ok {
				r.Start, r.End = st, en
				g.Regions = append(g.Regions, r)
			}
		}
		var assist []Range
		for _, a := range g.Assist {
			if st, en, ok := b.clip(a.Start, a.End); ok {
				assist = append(assist, Range{Name: a.Name, Start: st, End: en})
			}
		}
		g.Assist = assist
		var logs []Log
		for _, l := range g.Logs {
			if int64(l.At) >= b.t0 && int64(l.At) <= b.t1 {
				l.At -= time.Duration(b.t0)
				logs = append(logs, l)
			}
		}
		g.Logs = logs
		keep = append(keep, g)
	}
	type key struct {
		caller  bool
		created int64
		g       *Goroutine
	}
	order := make([]key, len(keep))
	for i, g := range keep {
		order[i] = key{g.Caller, b.gs[g.ID].created, g}
	}
	sort.Slice(order, func(i, j int) bool {
		a, c := order[i], order[j]
		if a.caller != c.caller {
			return a.caller
		}
		if a.created != c.created {
			return a.created < c.created
		}
		return a.g.ID < c.g.ID
	})
	for i, k := range order {
		keep[i] = k.g
	}
	t.Goroutines = keep

	var ids []int
	for p := range b.procs {
		ids = append(ids, p)
	}
	sort.Ints(ids)
	for _, p := range ids {
		pr := &Proc{ID: p}
		for _, s := range b.procs[p] {
			if st, en, ok := b.clip(s.Start, s.End); ok {
				pr.Spans = append(pr.Spans, ProcSpan{Start: st, End: en, G: s.G, User: kept[s.G], GC: gc[s.G]})
			}
		}
		if len(pr.Spans) > 0 {
			t.Procs = append(t.Procs, pr)
		}
	}

	inRegion := map[uint64]bool{}
	for _, g := range keep {
		for _, r := range g.Regions {
			inRegion[r.Task] = true
		}
	}
	for _, id := range b.taskAt {
		tk := *b.tasks[id]
		if tk.End < 0 {
			tk.End = time.Duration(b.t1)
		}
		user := kept[tk.G] || inRegion[tk.ID]
		if st, en, ok := b.clip(tk.Start, tk.End); ok && user {
			tk.Start, tk.End = st, en
			t.Tasks = append(t.Tasks, &tk)
		}
	}
	for name, start := range b.gcOpen {
		b.gc = append(b.gc, Range{Name: name, Start: time.Duration(start), End: time.Duration(b.t1)})
	}
	for _, r := range b.gc {
		if st, en, ok := b.clip(r.Start, r.End); ok {
			t.GC = append(t.GC, Range{Name: r.Name, Start: st, End: en})
		}
	}
	sort.Slice(t.GC, func(i, j int) bool { return t.GC[i].Start < t.GC[j].Start })
	return t, nil
}
