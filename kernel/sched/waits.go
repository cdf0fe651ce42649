package sched

// Where each of the user's goroutines waits, for the deadlock report: the
// front-end names the function and cell line of every statement that can
// block (frontend passSites) and hands it to the helper that waits in its
// place (Recv, Block, DoneAt) or to At just before a wait the interpreter
// runs itself (v := <-ch, a range over a channel, a Lock, a Wait).
//
// Each goroutine started through Go gets labels of its own (the cell's
// and gLabel), so the pointer of its label set tells it from the cell's
// other goroutines at the cost of one map read; the cell's own goroutine
// is known by the cell's label set. The dump shows the same labels, which
// is how a report finds the site of each goroutine.
//
// yaegi behaviour answered: every interpreted channel operation waits in a
// reflect.Select (with the interpreter's cancel channel), so the runtime
// says "select" for a send or a receive, and a stack shows only the
// interpreter's frames; neither tells the student's line.
//
// A goroutine that compiled code starts (errgroup.Group.Go running the
// student's func) inherits its creator's label set, so one label set may
// stand for several goroutines, and nothing cheap tells them apart (the
// runtime gives no goroutine ID; reading it from runtime.Stack before every
// wait made a channel ping-pong loop 13 times slower). The common shape is
// the cell's goroutine waiting in the compiled call (g.Go with a limit,
// sem.Acquire, g.Wait) while the goroutines it started wait on channels:
// each label set keeps the last site of each kind apart, a channel
// operation's or select's (a site with a reason) and a plain one's (a call,
// a lock, a range: no reason), and a goroutine is matched with the kind of
// wait its stack shows (opWait). Two goroutines of one label set waiting
// in waits of one kind show the same site.

import (
	"context"
	"reflect"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// gLabel is the label that tells one goroutine of a cell from another.
const gLabel = "gokernel.g"

// gState is what the kernel knows of one goroutine of a cell.
type gState struct {
	cell *Cell
	// The last site of each kind a goroutine of this label set waited at:
	// a channel operation or select (op), anything else (plain).
	op, plain atomic.Pointer[string]
}

// site is where a goroutine of this label set waits, nil if unknown: op
// tells whether its stack waits in a channel operation or a select.
func (st *gState) site(op bool) *string {
	if op {
		return st.op.Load()
	}
	return st.plain.Load()
}

type waits struct {
	mu    sync.RWMutex
	byPtr map[unsafe.Pointer]*gState
	byKey map[string]*gState // cell ID + "/" + gLabel value ("" for the cell's own)
	seq   atomic.Int64
}

func (w *waits) add(p unsafe.Pointer, key string, st *gState) {
	w.mu.Lock()
	if w.byPtr == nil {
		w.byPtr, w.byKey = map[unsafe.Pointer]*gState{}, map[string]*gState{}
	}
	w.byPtr[p], w.byKey[key] = st, st
	w.mu.Unlock()
}

func (w *waits) remove(p unsafe.Pointer, key string) {
	w.mu.Lock()
	delete(w.byPtr, p)
	delete(w.byKey, key)
	w.mu.Unlock()
}

func (w *waits) of(p unsafe.Pointer) *gState {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.byPtr[p]
}

func (w *waits) key(key string) *gState {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.byKey[key]
}

// own gives the calling goroutine, just started by Go for cell c, labels of
// its own; the returned func forgets them.
func (t *Tracker) own(c *Cell) func() {
	n := strconv.FormatInt(t.waits.seq.Add(1), 10)
	pprof.SetGoroutineLabels(pprof.WithLabels(c.ctx, pprof.Labels(gLabel, n)))
	p, key := labelsOf(), c.ID+"/"+n
	t.waits.add(p, key, &gState{cell: c})
	return func() { t.waits.remove(p, key) }
}

// A site, as the front-end writes it: "reason\tfunction\tposition", e.g.
// "chan send\tmain.main\tIn[3]:8"; the reason is empty where the runtime's
// own is right.

// At records that the calling goroutine is about to wait at site.
func (t *Tracker) At(site string) {
	if st := t.waits.of(labelsOf()); st != nil {
		if strings.HasPrefix(site, "\t") { // no reason: a call, a lock, a range
			st.plain.Store(&site)
		} else {
			st.op.Store(&site)
		}
	}
}

// DoneAt is Done for a select the front-end made interruptible, at site.
func (t *Tracker) DoneAt(site string) <-chan struct{} {
	if site != "" {
		t.At(site)
	}
	return t.Done()
}

// Recv is `<-ch` as a statement, at site, that an interrupt can end.
func (t *Tracker) Recv(ch any, site string) {
	v := reflect.ValueOf(ch)
	if v.Kind() != reflect.Chan {
		panic("invalid operation: receive from non-chan type " + reflect.TypeOf(ch).String())
	}
	if v.IsNil() {
		t.At(site)
		t.recvNil()
	}
	if _, ok := v.TryRecv(); ok || v.Len() == 0 && isClosed(v) {
		return
	}
	t.At(site)
	t.recv(v)
}

// recv waits for a value of ch or the interrupt (standsFor: chan receive).
func (t *Tracker) recv(v reflect.Value) {
	i, _, _ := reflect.Select([]reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: v},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(t.Done())},
	})
	if i == 1 {
		t.Interrupt()
	}
}

// recvNil waits forever, as a receive from a nil channel does, or for the
// interrupt (standsFor: chan receive (nil chan)).
func (t *Tracker) recvNil() {
	<-t.Done()
	t.Interrupt()
}

// isClosed reports whether an empty channel is closed, without waiting.
func isClosed(v reflect.Value) bool {
	i, _, ok := reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: v}, {Dir: reflect.SelectDefault}})
	return i == 0 && !ok
}

// siteOf splits a site.
func siteOf(s string) (reason, fn, where string) {
	parts := strings.SplitN(s, "\t", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return parts[0], parts[1], parts[2]
}

var _ = context.Background
