package worker

import (
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

// output routes what cells write to the kernel. Every write is attributed
// to the cell of the goroutine that made it (sched.Tracker), so a goroutine
// that outlives its cell keeps writing under that cell; a goroutine that
// belongs to no cell (a compiled library's) writes under the cell that runs
// now, or ran last. Writes are kept whole and in order.
//
// # Batching
//
// This is the kernel's one output-batching policy. It is applied here,
// where the writes happen, so that a loop printing 100,000 lines costs a
// handful of pipe frames, JSON encodings and iopub messages rather than
// 100,000 of each; the kernel process publishes every EvStream as one
// iopub stream message, in the order received, without batching again
// (which would only add its delay to this one). Consecutive writes to the
// same cell and stream are merged into one EvStream, sent:
//   - streamDelay after the first of them: soon enough to read as live
//     output, late enough that a flood of lines makes few messages;
//   - at once, by the writer, when streamMax bytes are queued: this bounds
//     a frame and the memory held, and a cell that writes faster than the
//     kernel reads waits instead of growing without bound;
//   - at once when something must come after it: a display event, an
//     input request, the cell's EvDone, an exit (Flush).
//
// A batch sent by the timer ends at its last newline, so that a line is
// not split across messages while more of it may still come; the rest of
// the line waits for its end up to lineWait, then goes as it is (a
// progress line such as "10%" shows without its newline).
type output struct {
	send     func(*ipc.Event) error
	tracker  *sched.Tracker
	fallback func() string

	mu      sync.Mutex
	pending []pendingText
	size    int         // bytes in pending
	began   time.Time   // when pending last went from empty to not
	timer   *time.Timer // runs tick; armed while pending holds text
}

const (
	streamDelay = 50 * time.Millisecond
	streamMax   = 256 << 10
	lineWait    = 4 * streamDelay
)

// pendingText is output waiting to be sent: one cell's, one stream's.
type pendingText struct {
	id, name string
	text     *strings.Builder // a pointer: the slice's growth copies entries
	since    time.Time        // no later than the start of its unfinished last line
}

type streamWriter struct {
	o    *output
	name string
}

func (w streamWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	w.o.add(w.o.cellID(), w.name, string(p))
	return len(p), nil
}

func (o *output) writer(name string) streamWriter { return streamWriter{o, name} }

func (o *output) cellID() string {
	if c := o.tracker.Current(); c != nil {
		return c.ID
	}
	return o.fallback()
}

// add queues text for cell id's stream name.
func (o *output) add(id, name, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.pending) == 0 {
		o.began = time.Now()
		o.arm(streamDelay)
	}
	if n := len(o.pending); n > 0 && o.pending[n-1].id == id && o.pending[n-1].name == name {
		o.pending[n-1].text.WriteString(text) // a Builder: += copied the batch at every line
	} else {
		b := &strings.Builder{}
		b.WriteString(text)
		o.pending = append(o.pending, pendingText{id: id, name: name, text: b, since: time.Now()})
	}
	o.size += len(text)
	if o.size >= streamMax {
		o.sendLocked(true)
	}
}

func (o *output) arm(d time.Duration) {
	if o.timer == nil {
		o.timer = time.AfterFunc(d, o.tick)
		return
	}
	o.timer.Reset(d)
}

// tick sends the batch once it is streamDelay old, holding back an
// unfinished last line (see the type's doc).
func (o *output) tick() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.pending) == 0 {
		return
	}
	if wait := streamDelay - time.Since(o.began); wait > 0 { // a batch begun after a Flush
		o.arm(wait)
		return
	}
	o.sendLocked(false)
	if len(o.pending) > 0 { // a line waiting for its end
		o.began = time.Now()
		o.arm(streamDelay)
	}
}

// event sends a display event (package display) of the calling goroutine's
// cell, after the stream output queued before it, so the order the cell
// produced them in is kept.
func (o *output) event(d outcome.Display) {
	ev := &ipc.Event{Ev: ipc.EvDisplay, ID: o.cellID(), Data: d.Data, Metadata: d.Metadata, DisplayID: d.ID, Update: d.Update}
	if d.Clear {
		ev = &ipc.Event{Ev: ipc.EvClear, ID: ev.ID, Wait: d.Wait}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sendLocked(true)
	o.send(ev)
}

// Flush sends everything queued, unfinished lines included.
func (o *output) Flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sendLocked(true)
}

// sendLocked sends the pending batches in order. Unless all is set, an
// unfinished line at the end of the last one stays queued while it is
// younger than lineWait.
func (o *output) sendLocked(all bool) {
	for i := range o.pending {
		p := &o.pending[i]
		text := p.text.String()
		if !all && i == len(o.pending)-1 {
			cut := strings.LastIndexByte(text, '\n') + 1
			if cut < len(text) && time.Since(p.since) < lineWait {
				if cut > 0 {
					o.send(&ipc.Event{Ev: ipc.EvStream, ID: p.id, Name: p.name, Text: text[:cut]})
					p.since = time.Now()
				}
				rest := &strings.Builder{}
				rest.WriteString(text[cut:])
				held := pendingText{id: p.id, name: p.name, text: rest, since: p.since}
				clear(o.pending)
				o.pending = append(o.pending[:0], held)
				o.size = rest.Len()
				return
			}
		}
		o.send(&ipc.Event{Ev: ipc.EvStream, ID: p.id, Name: p.name, Text: text})
	}
	clear(o.pending)
	o.pending = o.pending[:0]
	o.size = 0
}
