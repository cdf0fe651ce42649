package core

import (
	"bytes"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

// The publisher owns the iopub socket. Everything the kernel publishes goes
// through its queue, so publishing never blocks a caller (a stalled
// subscriber stalls a PUB socket) and all messages keep their order.
//
// Stream output is batched here, as ipykernel's iostream does: consecutive
// chunks for the same cell and stream are merged and sent when the batch is
// streamBatchDelay old or streamBatchMax large, cut at the last newline so a
// line is never split across messages while more of it may still come. Any
// other message flushes the batch first, so a cell's output always precedes
// its result and its idle status.
type publisher struct {
	send func(parent *wire.Message, msgType string, content any)

	mu     sync.Mutex
	cond   *sync.Cond
	queue  []pubItem
	closed bool
	done   chan struct{}
}

const (
	streamBatchDelay = 50 * time.Millisecond
	streamBatchMax   = 256 << 10
)

type pubItem struct {
	parent  *wire.Message
	msgType string
	content any
	// stream chunks: msgType "stream", name and text set
	name, text string
	// flushed, when set, marks a Flush: the batch is sent, then it closes.
	flushed chan struct{}
}

func newPublisher(send func(parent *wire.Message, msgType string, content any)) *publisher {
	p := &publisher{send: send, done: make(chan struct{})}
	p.cond = sync.NewCond(&p.mu)
	go p.run()
	return p
}

// Publish queues one message.
func (p *publisher) Publish(parent *wire.Message, msgType string, content any) {
	p.push(pubItem{parent: parent, msgType: msgType, content: content})
}

// Stream queues output text for a cell's stdout or stderr.
func (p *publisher) Stream(parent *wire.Message, name, text string) {
	if text == "" {
		return
	}
	p.push(pubItem{parent: parent, msgType: "stream", name: name, text: text})
}

func (p *publisher) push(it pubItem) {
	p.mu.Lock()
	if !p.closed {
		p.queue = append(p.queue, it)
		p.cond.Signal()
	}
	p.mu.Unlock()
}

// Flush sends queued output now and returns once it has gone out (or after
// a second): the stdin channel's input_request must follow the prompt the
// cell printed on iopub.
func (p *publisher) Flush() {
	done := make(chan struct{})
	p.push(pubItem{flushed: done})
	select {
	case <-done:
	case <-time.After(time.Second):
	}
}

// Close sends what is queued and stops.
func (p *publisher) Close() {
	p.mu.Lock()
	p.closed = true
	p.cond.Signal()
	p.mu.Unlock()
	<-p.done
}

type batch struct {
	parent *wire.Message
	name   string
	buf    bytes.Buffer
	since  time.Time // when the oldest byte in buf arrived
	due    time.Time // when to try sending next
}

func (b *batch) same(it *pubItem) bool {
	return b.buf.Len() > 0 && b.parent == it.parent && b.name == it.name
}

// flush sends the batch; unless all is set it keeps a trailing partial line
// for up to 4 batch delays, waiting for its end.
func (p *publisher) flush(b *batch, all bool) {
	if b.buf.Len() == 0 {
		return
	}
	data := b.buf.Bytes()
	cut := len(data)
	if !all && len(data) < streamBatchMax && time.Since(b.since) < 4*streamBatchDelay {
		i := bytes.LastIndexByte(data, '\n')
		if i < 0 {
			b.due = b.since.Add(4 * streamBatchDelay)
			return
		}
		cut = i + 1
	}
	p.send(b.parent, "stream", map[string]any{"name": b.name, "text": string(data[:cut])})
	rest := append([]byte(nil), data[cut:]...)
	b.buf.Reset()
	b.buf.Write(rest)
	b.since = time.Now()
	b.due = b.since.Add(streamBatchDelay)
}

func (p *publisher) run() {
	defer close(p.done)
	var b batch
	timer := time.AfterFunc(time.Hour, func() {
		p.mu.Lock()
		p.cond.Signal()
		p.mu.Unlock()
	})
	defer timer.Stop()
	for {
		p.mu.Lock()
		for len(p.queue) == 0 && !p.closed && (b.buf.Len() == 0 || time.Now().Before(b.due)) {
			p.cond.Wait()
		}
		items := p.queue
		p.queue = nil
		closed := p.closed
		p.mu.Unlock()

		for i := range items {
			it := &items[i]
			if it.flushed != nil {
				p.flush(&b, true)
				close(it.flushed)
				continue
			}
			if it.msgType != "stream" {
				p.flush(&b, true)
				p.send(it.parent, it.msgType, it.content)
				continue
			}
			if !b.same(it) {
				p.flush(&b, true)
				b.parent, b.name = it.parent, it.name
				b.since = time.Now()
				b.due = b.since.Add(streamBatchDelay)
			}
			b.buf.WriteString(it.text)
			if b.buf.Len() >= streamBatchMax {
				p.flush(&b, false)
			}
		}
		if closed {
			p.flush(&b, true)
			return
		}
		if b.buf.Len() > 0 && !time.Now().Before(b.due) {
			p.flush(&b, false)
		}
		if b.buf.Len() > 0 {
			timer.Reset(time.Until(b.due) + time.Millisecond)
		}
	}
}
