package supervisor

// One worker process: starting it with its pipes, reading its events and
// routing them, replacing it when it dies, stopping it.

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
)

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
	restored := false
	for {
		ev := new(ipc.Event)
		if err := r.Read(ev); err != nil {
			break
		}
		switch ev.Ev {
		case ipc.EvReady:
			p.pid.Store(int64(ev.PID))
			// A worker sends EvReady again when what it hosts changes
			// (%go get): only the first one restores.
			if len(p.restore) > 0 && !restored {
				p.req.Write(&ipc.Request{Op: ipc.OpRestore, Chunks: p.restore})
			}
			restored = true
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
