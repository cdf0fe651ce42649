// Package supervisor runs the worker process on behalf of the kernel process:
// it starts it, passes it cells, and when it dies reports why — in the Go
// runtime's own words — and starts a fresh one, so the next cell runs.
//
// Contract: Execute always returns exactly one ipc.EvDone event for the cell,
// whether the worker finished it, was interrupted, or died; events the worker
// sends for any cell (output of background goroutines included) go to the
// Sink given to New, in the order the worker sent them; so does each
// worker's EvReady, before any cell goes to that worker. A cell whose EvDone
// has Reset (%reset) is answered, then the worker is replaced by a fresh
// one with nothing restored. InspectValue asks the live worker about a name
// of the session and never waits more than inspectTimeout.
//
// The package's files, by job:
//   - supervisor.go: the Supervisor, which worker is current, restart and
//     close;
//   - process.go: one worker process — starting it, reading its events,
//     replacing it when it dies, stopping it;
//   - execute.go: requests to the worker (cells, inspections, interrupts,
//     input) and the delivery of their answers;
//   - crash.go: why a worker died, in the Go runtime's own words;
//   - restore.go: what a new worker restores, and what it loses.
package supervisor

import (
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
)

// Sink receives the worker's events that are not answers to the
// supervisor's own requests: output, display, input requests, and each
// new worker's EvReady (what it hosts, for completion) — not EvDone,
// EvStarted or EvInspect.
type Sink func(ev *ipc.Event)

// Options configure a Supervisor.
type Options struct {
	// Command starts a worker; its fd 3 and 4 are set by the supervisor.
	// Default: this executable with the argument "worker".
	Command func() *exec.Cmd
	// InterruptGrace is how long a cell may take to stop after an interrupt
	// before the worker is killed. Default 2s.
	InterruptGrace time.Duration
	// Log receives diagnostic lines; default os.Stderr.
	Log func(format string, args ...any)
}

// Supervisor owns at most one live worker at a time.
type Supervisor struct {
	opt  Options
	sink Sink

	mu      sync.Mutex
	cur     *proc // live or starting worker; nil before the first start
	lastID  string
	history []record // successful cells, oldest first, since the last Restart
}

// New returns a Supervisor and starts its first worker in the background.
func New(o Options, sink Sink) *Supervisor {
	if o.Command == nil {
		o.Command = func() *exec.Cmd {
			exe, err := os.Executable()
			if err != nil {
				exe = os.Args[0]
			}
			cmd := exec.Command(exe, "worker")
			detach(cmd)
			return cmd
		}
	}
	if o.InterruptGrace == 0 {
		o.InterruptGrace = 2 * time.Second
	}
	if o.Log == nil {
		o.Log = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "gokernel: "+format+"\n", args...) }
	}
	s := &Supervisor{opt: o, sink: sink}
	s.mu.Lock()
	s.cur = s.start(nil)
	s.mu.Unlock()
	return s
}

// live is the current worker, or its successor if it is exiting or dead
// (readEvents replaces a dead worker before closing its dead channel).
func (s *Supervisor) live() *proc {
	for {
		s.mu.Lock()
		p := s.cur
		s.mu.Unlock()
		if p == nil { // closed
			return nil
		}
		if p.exiting.Load() {
			<-p.dead
			continue
		}
		select {
		case <-p.dead:
			if p.req != nil { // a worker that ran and died; one that never started is handled by Execute
				continue
			}
		default:
		}
		return p
	}
}

// Restart replaces the worker with a fresh one (a clean interpreter).
func (s *Supervisor) Restart() {
	s.mu.Lock()
	old := s.cur
	s.history = nil
	s.cur = s.start(nil)
	s.mu.Unlock()
	old.stop("restarted")
}

// Close stops the worker.
func (s *Supervisor) Close() {
	s.mu.Lock()
	p := s.cur
	s.cur = nil
	s.mu.Unlock()
	if p != nil {
		p.stop("kernel shut down")
	}
}

// PID of the current worker, 0 if none is ready.
func (s *Supervisor) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return 0
	}
	return int(s.cur.pid.Load())
}
