package worker

import (
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

// output routes what cells write to the kernel, batched. Every write is
// attributed to the cell of the goroutine that made it (sched.Tracker), so
// a goroutine that outlives its cell keeps writing under that cell; a
// goroutine that belongs to no cell (a compiled library's) writes under the
// cell that runs now, or ran last. Writes are kept whole and in order;
// consecutive writes to the same cell and stream are merged and sent within
// outputDelay, or at once past outputMax bytes.
type output struct {
	send     func(*ipc.Event) error
	tracker  *sched.Tracker
	fallback func() string

	mu      sync.Mutex
	pending []pendingText
	size    int
	armed   bool
}

const (
	outputDelay = 20 * time.Millisecond
	outputMax   = 64 << 10
)

// pendingText is output waiting to be sent: one cell's, one stream's.
type pendingText struct {
	id, name string
	text     *strings.Builder // a pointer: the slice's growth copies entries
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
	if n := len(o.pending); n > 0 && o.pending[n-1].id == id && o.pending[n-1].name == name {
		o.pending[n-1].text.WriteString(text) // a Builder: += copied the batch at every line
	} else {
		b := &strings.Builder{}
		b.WriteString(text)
		o.pending = append(o.pending, pendingText{id: id, name: name, text: b})
	}
	o.size += len(text)
	if o.size >= outputMax {
		o.flushLocked()
		return
	}
	if !o.armed {
		o.armed = true
		time.AfterFunc(outputDelay, o.Flush)
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
	o.flushLocked()
	o.send(ev)
}

// Flush sends everything queued.
func (o *output) Flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked()
	o.armed = false
}

func (o *output) flushLocked() {
	for i := range o.pending {
		p := &o.pending[i]
		o.send(&ipc.Event{Ev: ipc.EvStream, ID: p.id, Name: p.name, Text: p.text.String()})
	}
	clear(o.pending)
	o.pending = o.pending[:0]
	o.size = 0
}
