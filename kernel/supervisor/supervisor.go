// Package supervisor runs the worker process on behalf of the kernel process:
// it starts it, passes it cells, and when it dies reports why — in the Go
// runtime's own words — and starts a fresh one, so the next cell runs.
//
// Contract: Execute always returns exactly one ipc.EvDone event for the cell,
// whether the worker finished it, was interrupted, or died; events the worker
// sends for any cell (output of background goroutines included) go to the
// Sink given to New, in the order the worker sent them. A cell whose EvDone
// has Reset (%reset) is answered, then the worker is replaced by a fresh
// one with nothing restored. InspectValue asks the live worker about a name
// of the session and never waits more than inspectTimeout.
package supervisor

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/outcome"
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

// record is what a successful cell left in the interpreter: declarations a
// new worker can restore, and variables it cannot.
type record struct {
	count  int
	replay []string
	vars   []string
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

// proc is one worker process.
type proc struct {
	cmd    *exec.Cmd
	req    *ipc.Writer
	reqW   *os.File
	ready  chan struct{} // closed on EvReady or death
	dead   chan struct{} // closed after the process has exited and its output is read
	stderr *crashLog
	err    error        // the start error or exit status, set before dead closes
	pid    atomic.Int64 // set on EvReady
	// exiting is set when the worker announced it exits (os.Exit): the
	// next cell must go to its successor.
	exiting atomic.Bool
	// restore is sent to the worker before it takes any cell: the
	// declarations of the cells that ran in the worker it replaces.
	restore []string

	mu       sync.Mutex
	pending  map[string]chan *ipc.Event
	started  map[string]bool            // cells the worker said it began (EvStarted)
	inspects map[string]chan *ipc.Event // OpInspect requests waiting for their EvInspect
	killed   string                     // why the supervisor killed it, if it did
	lost     string                     // what its death cost; set before dead closes
}

func (s *Supervisor) start(restore []string) *proc {
	p := &proc{ready: make(chan struct{}), dead: make(chan struct{}), stderr: &crashLog{},
		pending: map[string]chan *ipc.Event{}, inspects: map[string]chan *ipc.Event{}, started: map[string]bool{}, restore: restore}
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
			p.pid.Store(int64(ev.PID))
			if len(p.restore) > 0 {
				p.req.Write(&ipc.Request{Op: ipc.OpRestore, Chunks: p.restore})
			}
			s.sink(ev) // what it hosts is known before any cell runs in it
			readyOnce.Do(func() { close(p.ready) })
		case ipc.EvStarted:
			p.mu.Lock()
			p.started[ev.ID] = true
			p.mu.Unlock()
		case ipc.EvDone:
			if ev.Exit {
				p.exiting.Store(true)
			}
			p.deliver(p.pending, ev)
		case ipc.EvInspect:
			p.deliver(p.inspects, ev)
		default:
			s.sink(ev)
		}
	}
	evR.Close()
	p.reqW.Close()
	p.err = p.cmd.Wait() // also waits for the stderr copy to finish

	// Replace the worker before anyone waiting on p learns of its death, so
	// that the next cell goes to the new one and the report can say what
	// was lost.
	s.mu.Lock()
	current := s.cur == p
	lastID := s.lastID
	if current {
		p.lost = s.lostLocked()
		s.cur = s.start(s.replayLocked())
	}
	s.mu.Unlock()
	readyOnce.Do(func() { close(p.ready) })
	close(p.dead)

	p.mu.Lock()
	waiting := len(p.pending)
	killed := p.killed
	p.mu.Unlock()
	if current && waiting == 0 && killed == "" {
		// The worker died between cells: a goroutine of an earlier cell
		// crashed it, or os.Exit ended it after answering its cell. Tell
		// the cell that ran last.
		e := p.deathError()
		s.opt.Log("worker %d died while idle: %s", p.pid.Load(), e.Value)
		s.sink(&ipc.Event{Ev: ipc.EvStream, ID: lastID, Name: "stderr", Text: strings.Join(e.Traceback, "\n") + "\n"})
	}
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

// replayLocked is every declaration to restore in a new worker.
func (s *Supervisor) replayLocked() []string {
	var out []string
	for _, r := range s.history {
		out = append(out, r.replay...)
	}
	return out
}

// lostLocked names the variables a new worker will not have and the cells
// that defined them, and forgets them.
func (s *Supervisor) lostLocked() string {
	var names, cells []string
	seen := map[string]bool{}
	for i := range s.history {
		r := &s.history[i]
		if len(r.vars) == 0 {
			continue
		}
		for _, v := range r.vars {
			if !seen[v] {
				seen[v] = true
				names = append(names, v)
			}
		}
		cells = append(cells, fmt.Sprintf("[%d]", r.count))
		r.vars = nil
	}
	if len(names) == 0 {
		return "the worker was restarted; imports, functions, types and constants were restored"
	}
	return fmt.Sprintf("the worker was restarted; imports, functions, types and constants were restored; lost: %s — re-run cells %s",
		strings.Join(names, ", "), strings.Join(cells, ", "))
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
	return int(s.cur.pid.Load())
}

// deathError describes why the worker died, as `go run` would show it: the
// runtime's message ("fatal error: stack overflow", "panic: …") with the
// "runtime:" lines that explain it, then "exit status N" or the signal. The
// goroutine stacks that follow are the interpreter's own frames, which mean
// nothing to a student: they go to the kernel's log only. Last comes what the
// restart restored and what it lost.
func (p *proc) deathError() *outcome.Error {
	status := "the worker did not start"
	if p.err != nil {
		status = p.err.Error()
	} else if p.cmd != nil && p.cmd.ProcessState != nil {
		status = p.cmd.ProcessState.String()
	}
	p.mu.Lock()
	killed := p.killed
	p.mu.Unlock()
	tail := []string{}
	if p.lost != "" {
		tail = append(tail, "("+p.lost+")")
	}
	if killed != "" {
		return &outcome.Error{Name: "interrupt", Value: "signal: interrupt",
			Traceback: append([]string{"signal: interrupt", "(" + killed + ")"}, tail...)}
	}
	lines := strings.Split(strings.TrimRight(p.stderr.String(), "\n"), "\n")
	for i, l := range lines {
		for _, kind := range []string{"panic", "fatal error"} {
			if !strings.HasPrefix(l, kind+": ") {
				continue
			}
			var tb []string
			for j := i - 1; j >= 0 && strings.HasPrefix(lines[j], "runtime: "); j-- {
				if !strings.Contains(lines[j], "=0x") { // addresses
					tb = append([]string{lines[j]}, tb...)
				}
			}
			tb = append(tb, l, "", "(goroutine stacks omitted: they show the interpreter, not your code)", status)
			return &outcome.Error{Name: kind, Value: strings.TrimPrefix(l, kind+": "), Traceback: append(tb, tail...)}
		}
	}
	name := "worker exited"
	if strings.HasPrefix(status, "exit status ") {
		name = "exit"
	}
	return &outcome.Error{Name: name, Value: status, Traceback: append([]string{status}, tail...)}
}

// crashLog keeps what the worker wrote to its real stdout and stderr since
// the last cell started (bounded), and echoes it to the kernel's own stderr.
type crashLog struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	echoed int
}

const crashLogMax = 256 << 10

func (c *crashLog) Write(b []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := crashLogMax - c.echoed; room > 0 { // a 200k-frame stack dump stays out of the log
		os.Stderr.Write(b[:min(len(b), room)])
		c.echoed += min(len(b), room)
	}
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
