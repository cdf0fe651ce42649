package main

// A notebook run without Jupyter: the binary supervises its own worker
// (package supervisor, as `gokernel kernel` does) and turns the worker's
// events into nbformat outputs the way Jupyter's clients store them
// (nbclient): consecutive stream text of one name in one output, an
// update_display_data replacing the output it names, clear_output(wait)
// clearing when the next output comes. `gokernel run` and
// `gokernel lessons build` share it.

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/lessons"
	"github.com/gokernel/gokernel/kernel/supervisor"
)

// cellTimeout bounds one cell, as nbclient's timeout does: the cell is
// interrupted after it and fails.
var cellTimeout = 120 * time.Second

// workerCommand starts a worker; the tests replace it (their binary is the
// worker). nil: this executable, "gokernel worker".
var workerCommand func() *exec.Cmd

// headless runs cells on one worker of its own.
type headless struct {
	sup *supervisor.Supervisor

	mu       sync.Mutex
	cur      string // the running cell's ID
	outs     []lessons.Output
	clear    bool           // clear_output(wait=True) pending
	displays map[string]int // display_id → index in outs, for updates
	count    int
	// live, when set, sees each stream and display output of the running
	// cell as it arrives (gokernel run prints them as they come).
	live func(o lessons.Output)
}

// lessonsDir, when set, is where the workers' %check finds the lessons
// (magic.LessonsEnv): `lessons build --lessons DIR`.
var lessonsDir string

// newHeadless starts a worker whose working directory is dir (Jupyter
// starts a kernel in the notebook's directory).
func newHeadless(dir string) *headless {
	h := &headless{}
	cmd := workerCommand
	opt := supervisor.Options{Log: func(string, ...any) {}}
	opt.Command = func() *exec.Cmd {
		var c *exec.Cmd
		if cmd != nil {
			c = cmd()
		} else {
			c = defaultWorker()
		}
		c.Dir = dir
		if lessonsDir != "" {
			if c.Env == nil {
				c.Env = os.Environ()
			}
			c.Env = append(c.Env, "GOKERNEL_LESSONS="+lessonsDir)
		}
		return c
	}
	h.sup = supervisor.New(opt, h.event)
	return h
}

func (h *headless) Close() { h.sup.Close() }

// defaultWorker is "gokernel worker" from this executable, in a process
// group of its own as the supervisor's default is: a Ctrl-C in the terminal
// reaches gokernel, which interrupts the cell, not the worker directly.
func defaultWorker() *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	c := exec.Command(exe, "worker")
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return c
}

// event is the supervisor's sink: output of the running cell becomes its
// outputs; output of a goroutine an earlier cell left running goes, as in
// Jupyter, to the cell it belongs to, which has ended: dropped here.
func (h *headless) event(ev *ipc.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ev.ID != h.cur {
		return
	}
	switch ev.Ev {
	case ipc.EvStream:
		h.clearPending()
		if h.live != nil {
			h.live(lessons.Output{Type: "stream", Name: ev.Name, Text: ev.Text})
		}
		if n := len(h.outs); n > 0 && h.outs[n-1].Type == "stream" && h.outs[n-1].Name == ev.Name {
			h.outs[n-1].Text += ev.Text
			return
		}
		h.outs = append(h.outs, lessons.Output{Type: "stream", Name: ev.Name, Text: ev.Text})
	case ipc.EvDisplay:
		if ev.Update {
			if i, ok := h.displays[ev.DisplayID]; ok {
				h.outs[i].Data, h.outs[i].Metadata = ev.Data, ev.Metadata
			}
			return
		}
		h.clearPending()
		if h.live != nil {
			h.live(lessons.Output{Type: "display_data", Data: ev.Data})
		}
		if ev.DisplayID != "" {
			h.displays[ev.DisplayID] = len(h.outs)
		}
		h.outs = append(h.outs, lessons.Output{Type: "display_data", Data: ev.Data, Metadata: ev.Metadata})
	case ipc.EvClear:
		if ev.Wait {
			h.clear = true
			return
		}
		h.outs, h.displays = nil, map[string]int{}
	case ipc.EvInput:
		go h.sup.Input("") // no one to ask: an empty line, as a closed stdin would give
	}
}

func (h *headless) clearPending() {
	if h.clear {
		h.outs, h.displays, h.clear = nil, map[string]int{}, false
	}
}

// run executes one cell and returns its execution count and outputs.
func (h *headless) run(code string) (int, []lessons.Output) {
	h.mu.Lock()
	h.count++
	n := h.count
	h.cur = fmt.Sprintf("cell-%d", n) // stable, and unique in the session
	h.outs, h.displays, h.clear = nil, map[string]int{}, false
	h.mu.Unlock()

	done := make(chan *ipc.Event, 1)
	go func() { done <- h.sup.Execute(&ipc.Request{Op: ipc.OpExecute, ID: h.cur, Code: code, Count: n}) }()
	var ev *ipc.Event
	timedOut := false
	select {
	case ev = <-done:
	case <-time.After(cellTimeout):
		timedOut = true
		h.sup.Interrupt()
		ev = <-done
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.clearPending()
	outs := h.outs
	h.cur = ""
	if ev.Status == ipc.StatusError && ev.Error != nil {
		e := ev.Error
		tb := e.Traceback
		if timedOut {
			tb = append(tb, fmt.Sprintf("(the cell ran for more than %s: gokernel interrupted it)", cellTimeout))
		}
		outs = append(outs, lessons.Output{Type: "error", EName: e.Name, EValue: e.Value, Traceback: tb})
	} else if len(ev.Data) > 0 {
		outs = append(outs, lessons.Output{Type: "execute_result", Data: ev.Data, Metadata: ev.Metadata})
	}
	return n, outs
}

// watcher is told about a notebook's run as it goes: before(c) before cell
// c runs (c.Count is the count it will get), live(o) for each stream and
// display output as it arrives, after(i, c) once cell i (0-based) ran.
// Any may be nil.
type watcher struct {
	before func(c *lessons.NBCell)
	live   func(o lessons.Output)
	after  func(i int, c *lessons.NBCell)
}

// runNotebook runs every code cell of nb in order (an empty one is
// skipped, as nbclient skips it), storing counts and outputs in nb.
func runNotebook(dir string, nb *lessons.NB, w watcher) {
	h := newHeadless(dir)
	defer h.Close()
	h.live = w.live
	// Ctrl-C interrupts the running cell, as in Jupyter; the worker, in a
	// process group of its own, does not get the signal itself.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-sigs:
				h.sup.Interrupt()
			case <-stop:
				return
			}
		}
	}()
	for i := range nb.Cells {
		c := &nb.Cells[i]
		if c.Type != "code" {
			continue
		}
		if strings.TrimSpace(c.Source) == "" {
			c.Count, c.Outputs = 0, nil
			continue
		}
		if w.before != nil {
			c.Count = h.count + 1
			w.before(c)
		}
		c.Count, c.Outputs = h.run(c.Source)
		if w.after != nil {
			w.after(i, c)
		}
	}
}

// errorOf is the cell's error output, nil if none.
func errorOf(outs []lessons.Output) *lessons.Output {
	for i := range outs {
		if outs[i].Type == "error" {
			return &outs[i]
		}
	}
	return nil
}
