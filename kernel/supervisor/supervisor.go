// Package supervisor runs the worker process on behalf of the kernel process:
// it starts it, passes it cells, and when it dies reports why — in the Go
// runtime's own words — and starts a fresh one, so the next cell runs.
//
// Contract: Execute always returns exactly one ipc.EvDone event for the cell,
// whether the worker finished it, was interrupted, or died; events the worker
// sends for any cell (output of background goroutines included) go to the
// Sink given to New, in the order the worker sent them.
package supervisor

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
)

// Sink receives every event that is not a cell's EvDone.
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

	mu     sync.Mutex
	cur    *proc // live or starting worker; nil before the first start
	lastID string
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
	s.cur = s.start()
	s.mu.Unlock()
	return s
}

// proc is one worker process.
type proc struct {
	cmd    *exec.Cmd
	req    *ipc.Writer
	reqW   *os.File
	ready  chan struct{} // closed on EvReady or death
	dead   chan struct{} // closed after the process has exited and its output is read
	stderr *crashLog
	err    error // the start error or exit status, set before dead closes
	pid    int

	mu      sync.Mutex
	pending map[string]chan *ipc.Event
	killed  string // why the supervisor killed it, if it did
}

func (s *Supervisor) start() *proc {
	p := &proc{ready: make(chan struct{}), dead: make(chan struct{}), stderr: &crashLog{},
		pending: map[string]chan *ipc.Event{}}
	fail := func(err error) *proc {
		p.err = err
		close(p.ready)
		close(p.dead)
		return p
	}
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return fail(err)
	}
	evR, evW, err := os.Pipe()
	if err != nil {
		return fail(err)
	}
	cmd := s.opt.Command()
	cmd.ExtraFiles = []*os.File{reqR, evW}
	cmd.Stdout = p.stderr
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		reqR.Close()
		reqW.Close()
		evR.Close()
		evW.Close()
		return fail(fmt.Errorf("starting worker: %w", err))
	}
	reqR.Close()
	evW.Close()
	p.cmd, p.reqW, p.req = cmd, reqW, ipc.NewWriter(reqW)
	go s.readEvents(p, evR)
	return p
}

func (s *Supervisor) readEvents(p *proc, evR *os.File) {
	r := ipc.NewReader(evR)
	var readyOnce sync.Once
	for {
		ev := new(ipc.Event)
		if err := r.Read(ev); err != nil {
			break
		}
		switch ev.Ev {
		case ipc.EvReady:
			p.pid = ev.PID
			readyOnce.Do(func() { close(p.ready) })
		case ipc.EvDone:
			p.mu.Lock()
			c := p.pending[ev.ID]
			delete(p.pending, ev.ID)
			p.mu.Unlock()
			if c != nil {
				c <- ev
			}
		default:
			s.sink(ev)
		}
	}
	evR.Close()
	p.reqW.Close()
	p.err = p.cmd.Wait() // also waits for the stderr copy to finish
	readyOnce.Do(func() { close(p.ready) })
	close(p.dead)

	s.mu.Lock()
	current := s.cur == p
	lastID := s.lastID
	if current {
		s.cur = s.start()
	}
	s.mu.Unlock()

	p.mu.Lock()
	waiting := len(p.pending)
	killed := p.killed
	p.mu.Unlock()
	if current && waiting == 0 && killed == "" {
		// The worker died between cells: a goroutine of an earlier cell
		// crashed it. Tell the cell that started the most recent work.
		e := p.deathError()
		s.opt.Log("worker %d died while idle: %s", p.pid, e.Value)
		s.sink(&ipc.Event{Ev: ipc.EvStream, ID: lastID, Name: "stderr",
			Text: strings.Join(e.Traceback, "\n") + "\n(the worker was restarted; variables are lost)\n"})
	}
}

// Execute runs one cell and returns its EvDone event.
func (s *Supervisor) Execute(q *ipc.Request) *ipc.Event {
	s.mu.Lock()
	p := s.cur
	s.lastID = q.ID
	s.mu.Unlock()
	<-p.ready
	if p.req == nil { // the worker could not start: report why, retry next cell
		s.mu.Lock()
		if s.cur == p {
			s.cur = s.start()
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
	case ev := <-c:
		return ev
	case <-p.dead:
	}
	select { // the EvDone may have raced with the death
	case ev := <-c:
		return ev
	default:
	}
	return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusError, Error: p.deathError()}
}

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
	busy := len(p.pending) > 0
	p.mu.Unlock()
	if err := p.req.Write(&ipc.Request{Op: ipc.OpInterrupt}); err != nil || !busy {
		return
	}
	go func() {
		select {
		case <-p.dead:
			return
		case <-time.After(s.opt.InterruptGrace):
		}
		p.mu.Lock()
		still := len(p.pending) > 0
		if still {
			p.killed = fmt.Sprintf("the cell did not stop within %v of the interrupt", s.opt.InterruptGrace)
		}
		p.mu.Unlock()
		if still {
			p.cmd.Process.Kill()
		}
	}()
}

// Restart replaces the worker with a fresh one (a clean interpreter).
func (s *Supervisor) Restart() {
	s.mu.Lock()
	old := s.cur
	s.cur = s.start()
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

func (p *proc) stop(why string) {
	if p.cmd == nil {
		return
	}
	p.mu.Lock()
	p.killed = why
	p.mu.Unlock()
	p.req.Write(&ipc.Request{Op: ipc.OpShutdown})
	p.reqW.Close()
	select {
	case <-p.dead:
	case <-time.After(500 * time.Millisecond):
		p.cmd.Process.Kill()
		<-p.dead
	}
}

// PID of the current worker, 0 if none is ready.
func (s *Supervisor) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return 0
	}
	return s.cur.pid
}

// deathError describes why the worker died, as `go run` would show it: the
// runtime's message and stack, then "exit status N" or the signal.
func (p *proc) deathError() *ipc.Error {
	status := "the worker did not start"
	if p.err != nil {
		status = p.err.Error()
	} else if p.cmd != nil && p.cmd.ProcessState != nil {
		status = p.cmd.ProcessState.String()
	}
	p.mu.Lock()
	killed := p.killed
	p.mu.Unlock()
	if killed != "" {
		return &ipc.Error{Name: "interrupt", Value: "signal: interrupt",
			Traceback: []string{"signal: interrupt", killed + "; the worker was restarted and variables are lost"}}
	}
	text := p.stderr.String()
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		for _, kind := range []string{"panic", "fatal error"} {
			if strings.HasPrefix(l, kind+": ") {
				tb := append(lines[i:len(lines):len(lines)], "", status)
				return &ipc.Error{Name: kind, Value: strings.TrimPrefix(l, kind+": "), Traceback: tb}
			}
		}
	}
	tb := []string{}
	if strings.TrimSpace(text) != "" {
		tb = append(tb, lines...)
	}
	return &ipc.Error{Name: "worker exited", Value: status, Traceback: append(tb, status)}
}

// crashLog keeps what the worker wrote to its real stdout and stderr since
// the last cell started (bounded), and echoes it to the kernel's own stderr.
type crashLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

const crashLogMax = 256 << 10

func (c *crashLog) Write(b []byte) (int, error) {
	os.Stderr.Write(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := crashLogMax - c.buf.Len(); room > 0 {
		c.buf.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}

func (c *crashLog) reset() {
	c.mu.Lock()
	c.buf.Reset()
	c.mu.Unlock()
}

func (c *crashLog) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}
