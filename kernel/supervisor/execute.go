package supervisor

// Requests to the worker — cells, inspections, interrupts, input — and
// the delivery of their answers to whoever waits for them.

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/outcome"
)

// Execute runs one cell and returns its EvDone event.
func (s *Supervisor) Execute(q *ipc.Request) *ipc.Event {
	s.mu.Lock()
	s.lastID = q.ID
	s.mu.Unlock()
	var ev *ipc.Event
	for attempt := 0; ev == nil; attempt++ {
		p := s.live()
		if p == nil {
			return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusError,
				Error: outcome.Simple("shutdown", "the kernel is shutting down")}
		}
		<-p.ready
		if p.req == nil { // the worker could not start: report why, retry next cell
			s.mu.Lock()
			if s.cur == p {
				s.cur = s.start(p.restore)
			}
			s.mu.Unlock()
			return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusError, Error: p.deathError()}
		}
		c := make(chan *ipc.Event, 1)
		p.mu.Lock()
		p.pending[q.ID] = c
		p.mu.Unlock()
		p.stderr.reset()
		if err := p.req.Write(q); err != nil {
			s.opt.Log("sending cell to worker: %v", err)
		}
		select {
		case ev = <-c:
		case <-p.dead:
			select { // the EvDone may have raced with the death
			case ev = <-c:
			default:
			}
		}
		if ev != nil {
			break
		}
		// The worker died. If it had not started the cell — killed between
		// cells, a moment before or after the cell was sent — the cell has
		// not run, and goes to the next worker, once.
		p.mu.Lock()
		started := p.started[q.ID]
		p.mu.Unlock()
		if started || attempt > 0 {
			ev = &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusError, Error: p.deathError()}
		}
	}
	if ev.Status == ipc.StatusOK && (len(ev.Replay) > 0 || len(ev.Vars) > 0) {
		s.mu.Lock()
		s.history = append(s.history, record{count: q.Count, replay: ev.Replay, vars: ev.Vars})
		s.mu.Unlock()
	}
	if ev.Reset { // %reset: a fresh worker, nothing restored
		s.Restart()
	}
	return ev
}

// deliver hands ev to whoever waits for it in waiting (pending cells or
// inspect requests), and forgets both the waiter and the cell's start.
func (p *proc) deliver(waiting map[string]chan *ipc.Event, ev *ipc.Event) {
	p.mu.Lock()
	c := waiting[ev.ID]
	delete(waiting, ev.ID)
	delete(p.started, ev.ID)
	p.mu.Unlock()
	if c != nil {
		c <- ev
	}
}

// inspectTimeout bounds how long an inspect request waits for the worker.
const inspectTimeout = 300 * time.Millisecond

// InspectValue asks the worker to describe the session's top-level name:
// "var x T = value", "func f(…)", …; ok is false when the worker does not
// know it or does not answer within inspectTimeout. The worker answers
// while a cell runs too (without the value, then).
func (s *Supervisor) InspectValue(name string) (string, bool) {
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	if p == nil || p.req == nil {
		return "", false
	}
	select {
	case <-p.ready:
	default:
		return "", false // a worker still starting knows nothing yet
	}
	id := fmt.Sprintf("inspect-%d", inspectSeq.Add(1))
	c := make(chan *ipc.Event, 1)
	p.mu.Lock()
	p.inspects[id] = c
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.inspects, id)
		p.mu.Unlock()
	}()
	if err := p.req.Write(&ipc.Request{Op: ipc.OpInspect, ID: id, Text: name}); err != nil {
		return "", false
	}
	select {
	case ev := <-c:
		return ev.Text, ev.Text != ""
	case <-p.dead:
	case <-time.After(inspectTimeout):
	}
	return "", false
}

var inspectSeq atomic.Int64

// Interrupt stops the running cell. If it has not stopped after the grace
// period, the worker is killed and the cell reports that.
func (s *Supervisor) Interrupt() {
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	if p == nil || p.req == nil {
		return
	}
	p.mu.Lock()
	var running chan *ipc.Event // the interrupted cell's, to tell it from a later one
	id := ""                    // "" tells the worker no cell runs
	for pid, c := range p.pending {
		id, running = pid, c
	}
	p.mu.Unlock()
	if err := p.req.Write(&ipc.Request{Op: ipc.OpInterrupt, ID: id}); err != nil || running == nil {
		return
	}
	go func() {
		select {
		case <-p.dead:
			return
		case <-time.After(s.opt.InterruptGrace):
		}
		p.mu.Lock()
		still := false
		for _, c := range p.pending {
			still = still || c == running
		}
		if still {
			p.killed = fmt.Sprintf("the cell did not stop within %v of the interrupt", s.opt.InterruptGrace)
		}
		p.mu.Unlock()
		if still {
			p.cmd.Process.Kill()
		}
	}()
}

// Input answers the running cell's request for a line of stdin.
func (s *Supervisor) Input(text string) {
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	if p != nil && p.req != nil {
		p.req.Write(&ipc.Request{Op: ipc.OpInput, Text: text})
	}
}
