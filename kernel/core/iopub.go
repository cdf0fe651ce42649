package core

import (
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

// The publisher owns the iopub socket. Everything the kernel publishes goes
// through its queue, so publishing never blocks a caller (a stalled
// subscriber stalls a PUB socket) and all messages keep their order: a
// cell's output always precedes its result and its idle status, because
// the worker's output events reach the queue before the cell's reply is
// built.
//
// It does not batch stream output: the worker has already merged each
// cell's writes into few, whole-line batches (worker/output.go holds the
// kernel's one batching policy and says why it lives there), and each one
// is published as one stream message.
type publisher struct {
	send func(parent *wire.Message, msgType string, content any)

	mu     sync.Mutex
	cond   *sync.Cond
	queue  []pubItem
	closed bool
	done   chan struct{}
}

type pubItem struct {
	parent  *wire.Message
	msgType string
	content any
	// flushed, when set, marks a Flush: it closes once everything queued
	// before it has been sent.
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

// Stream queues output text for a cell's stdout or stderr as one stream
// message.
func (p *publisher) Stream(parent *wire.Message, name, text string) {
	if text == "" {
		return
	}
	p.Publish(parent, "stream", map[string]any{"name": name, "text": text})
}

func (p *publisher) push(it pubItem) {
	p.mu.Lock()
	if !p.closed {
		p.queue = append(p.queue, it)
		p.cond.Signal()
	}
	p.mu.Unlock()
}

// flushWait bounds how long Flush waits for the socket.
const flushWait = time.Second

// Flush returns once everything queued has been sent, or after flushWait:
// the stdin channel's input_request must follow the prompt the cell
// printed on iopub.
func (p *publisher) Flush() {
	done := make(chan struct{})
	p.push(pubItem{flushed: done})
	select {
	case <-done:
	case <-p.done:
	case <-time.After(flushWait):
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

func (p *publisher) run() {
	defer close(p.done)
	for {
		p.mu.Lock()
		for len(p.queue) == 0 && !p.closed {
			p.cond.Wait()
		}
		items := p.queue
		p.queue = nil
		closed := p.closed
		p.mu.Unlock()

		for _, it := range items {
			if it.flushed != nil {
				close(it.flushed)
				continue
			}
			p.send(it.parent, it.msgType, it.content)
		}
		if closed {
			return
		}
	}
}
