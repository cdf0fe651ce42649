// Package worker is the process that runs user code. The kernel process starts
// it (the same binary, hidden subcommand "worker"), sends it ipc.Requests on
// file descriptor 3 and reads ipc.Events from file descriptor 4.
//
// Contract: cells run one at a time, in the order they arrive; every execute
// request gets exactly one EvDone, after every byte the cell's goroutines
// wrote before it has been sent as EvStream. Output of a goroutine that
// outlives its cell keeps arriving under that cell's ID. Output is batched
// here and nowhere else (output.go says how and why): each EvStream is one
// iopub stream message.
//
// An interrupt stops the running cell and the goroutines it started; those
// of earlier cells keep running. Where the interpreter cannot stop the cell
// alone within interruptGrace (a wait the front-end could not make
// interruptible), the worker cancels the interpreter, which stops every
// goroutine, and says so. A deadlock among the user's goroutines ends the
// cell with Go's "fatal error: all goroutines are asleep - deadlock!".
//
// Its first event is EvReady, with what it hosts beyond the standard
// library (hosted.go): the kernel process completes "display." and "%"
// from it without loading the worker's packages. %go get sends EvReady
// again, with the packages it added.
//
// Cells go through package magic (line magics, %% cell magics, !shell
// lines, name?, documented with package pkgdoc) before the engine. Display events of package display are
// attributed like output and sent after the output queued before them. An
// OpInspect is answered at once by the request loop, also while a cell
// runs (then from the types cells reported, without reading a value).
// EvDone carries the types of the variables a cell defined (for
// completion after "x." in the kernel process), the cell's payload, and
// Reset for %reset.
//
// What the worker cannot survive (a fatal runtime error such as concurrent
// map writes, a stack overflow) ends the process: the Go runtime's report
// goes to the real stderr, where the kernel reads it.
package worker

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/magic"
	"github.com/gokernel/gokernel/kernel/modules"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

const (
	// interruptGrace is how long an interrupted cell may take to unwind on
	// its own before the whole interpreter is cancelled.
	interruptGrace = 500 * time.Millisecond
	// deadlockEvery and deadlockSamples: a deadlock must be seen this many
	// times in a row, this far apart, before it is reported.
	deadlockEvery   = 300 * time.Millisecond
	deadlockSamples = 3
	// maxStack bounds a goroutine's stack, so that runaway recursion fails
	// in well under a second instead of growing towards the runtime's 1 GB.
	maxStack = 64 << 20
)

// Run serves requests from req and writes events to ev until req ends or a
// shutdown request arrives.
func Run(req io.Reader, ev io.Writer) error {
	debug.SetMaxStack(maxStack)
	// The modules of the go.mod in the working directory (the notebook's
	// folder) are importable from the first cell on, and in the cells the
	// supervisor restores.
	cwd, _ := os.Getwd()
	mods := modules.Open(cwd)
	w := &worker{events: ipc.NewWriter(ev), tracker: sched.NewTracker(), interrupts: make(chan struct{}, 1), programPanics: make(chan cellPanic, 1), hosted: hosted(mods)}
	w.out = &output{send: func(ev *ipc.Event) error { return w.events.Write(ev) }, tracker: w.tracker, fallback: w.lastID}
	w.in = &input{w: w, replies: make(chan string, 1)}
	w.tracker.OnPanic = w.goroutinePanic
	var err error
	w.eng, err = engine.New(engine.Options{
		Stdin: w.in, Stdout: w.out.writer("stdout"), Stderr: w.out.writer("stderr"), Tracker: w.tracker,
		Exit: w.exit, Display: w.out.event, Sources: mods,
	})
	if err != nil {
		return err
	}
	w.magic = &magic.Runner{Eng: w.eng, Tracker: w.tracker, Stdout: w.out.writer("stdout"), Stderr: w.out.writer("stderr"),
		Doc: w.doc, Modules: mods, Display: w.out.event}
	defer w.magic.Close()
	display.Recorder = w.magic.Timeline // display.Timeline(f): %%timeline around f
	// %go get changed the packages the worker hosts: a ready event again,
	// sent before the cell's EvDone, so that completion knows them when the
	// cell has ended.
	mods.OnChange = func() {
		w.hosted = hosted(mods)
		w.events.Write(&ipc.Event{Ev: ipc.EvReady, PID: os.Getpid(), Hosted: w.hosted})
	}
	if err := w.events.Write(&ipc.Event{Ev: ipc.EvReady, PID: os.Getpid(), Hosted: w.hosted}); err != nil {
		return err
	}

	cells := make(chan *ipc.Request, 1024)
	go w.runCells(cells)
	r := ipc.NewReader(req)
	for {
		var q ipc.Request
		if err := r.Read(&q); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		switch q.Op {
		case ipc.OpExecute:
			cells <- &q
		case ipc.OpInterrupt:
			w.interrupt(q.ID)
		case ipc.OpRestore:
			cells <- &q
		case ipc.OpInput:
			w.in.reply(q.Text)
		case ipc.OpInspect:
			w.events.Write(&ipc.Event{Ev: ipc.EvInspect, ID: q.ID, Text: w.inspect(q.Text)})
		case ipc.OpShutdown:
			w.out.Flush()
			return nil
		default:
			fmt.Fprintf(os.Stderr, "gokernel worker: unknown op %q\n", q.Op)
		}
	}
}

type worker struct {
	events     *ipc.Writer
	eng        *engine.Engine
	magic      *magic.Runner
	tracker    *sched.Tracker
	out        *output
	in         *input
	interrupts chan struct{}
	// programPanics carries a panic in a goroutine of a running whole
	// program to the loop that runs the cell.
	programPanics chan cellPanic
	hosted        *outcome.Hosted // what the ready event said it offers

	// busy is held while the engine runs something (a cell, a restore):
	// OpInspect reads the interpreter only when it can take it.
	busy sync.Mutex

	mu    sync.Mutex
	cur   *ipc.Request                 // the running cell; nil when idle
	last  string                       // id of the cell that ran last
	types map[string]*outcome.TypeInfo // variables' types, from the cells' EvDone
	early string                       // a cell interrupted before it started
}

// inspect describes a top-level name for the kernel's inspect_request:
// from the interpreter when no cell runs (value included), else from the
// types the cells reported (no value: a cell may be changing it, and
// reading a map while it is written is fatal in Go).
func (w *worker) inspect(name string) string {
	if w.busy.TryLock() {
		defer w.busy.Unlock()
		// A value is read only when no goroutine runs either: reading a map
		// another goroutine writes is fatal in Go.
		s, _ := w.eng.Inspect(name, len(w.tracker.Live()) == 0)
		return s
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if t := w.types[name]; t != nil {
		return "var " + name + " " + t.Type + "\n(value not read while a cell runs)"
	}
	return ""
}

// interrupt handles OpInterrupt. id is the cell the kernel means: "" when no
// cell runs (stop the goroutines earlier cells left running), else a cell
// that runs now or has been sent and not yet started — then it is stopped
// as soon as it starts.
func (w *worker) interrupt(id string) {
	if id == "" {
		w.stopBackground()
		return
	}
	if q := w.running(); q != nil && q.ID == id {
		select {
		case w.interrupts <- struct{}{}:
		default:
		}
		return
	}
	w.mu.Lock()
	w.early = id
	w.mu.Unlock()
}

// takeEarlyInterrupt reports whether cell id was interrupted before it
// started, and forgets it.
func (w *worker) takeEarlyInterrupt(id string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.early == id {
		w.early = ""
		return true
	}
	return false
}

func (w *worker) running() *ipc.Request {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cur
}

func (w *worker) lastID() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.last
}

func (w *worker) setRunning(q *ipc.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cur = q
	if q != nil {
		w.last = q.ID
	}
}

func (w *worker) runCells(cells <-chan *ipc.Request) {
	for q := range cells {
		w.busy.Lock()
		if q.Op == ipc.OpRestore {
			for _, e := range w.eng.Restore(context.Background(), q.Chunks) {
				fmt.Fprintf(os.Stderr, "gokernel worker: restoring: %s\n", e.Value)
			}
			w.magic.Restored(q.Chunks)
			w.busy.Unlock()
			continue
		}
		select { // an interrupt for a cell that has ended is not for this one
		case <-w.interrupts:
		default:
		}
		w.setRunning(q)
		if w.takeEarlyInterrupt(q.ID) { // interrupted while queued: it does not run
			w.setRunning(nil)
			w.busy.Unlock()
			w.events.Write(&ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusError,
				Error: outcome.Interrupt()})
			continue
		}
		w.events.Write(&ipc.Event{Ev: ipc.EvStarted, ID: q.ID})
		cell := w.tracker.NewCell(q.ID, q.Count)
		res := w.execute(cell, q)
		done := &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK, Data: res.Data, Replay: res.Replay, Vars: res.Vars, Names: res.Names,
			Payload: res.Payload, Reset: res.Reset}
		if len(res.Vars) > 0 {
			done.Types = map[string]*outcome.TypeInfo{}
			for _, v := range res.Vars {
				if t := w.eng.Describe(v); t != nil {
					done.Types[v] = t
				}
			}
			w.mu.Lock()
			if w.types == nil {
				w.types = map[string]*outcome.TypeInfo{}
			}
			for k, v := range done.Types {
				w.types[k] = v
			}
			w.mu.Unlock()
		}
		if res.Err != nil {
			done.Status, done.Error, done.Data = ipc.StatusError, res.Err, nil
		} else if len(q.UserExpressions) > 0 {
			done.UserExpressions = w.userExpressions(cell, q.UserExpressions)
		}
		// A goroutine started at the end of the cell has often not run yet:
		// give the scheduler a moment before saying it is still running.
		for i := 0; i < 10 && cell.Running() > 0; i++ {
			time.Sleep(500 * time.Microsecond)
		}
		if n := cell.Running(); n > 0 && res.Err == nil && !cell.Program() {
			verb := "are"
			if n == 1 {
				verb = "is"
			}
			w.out.add(q.ID, "stderr", fmt.Sprintf("[%s %s still running in the background]\n", outcome.Count(n, "goroutine"), verb))
		}
		w.busy.Unlock()
		w.setRunning(nil)
		w.tracker.Forget(cell)
		w.out.Flush()
		w.events.Write(done)
	}
}

// execute runs one cell in a goroutine that belongs to it, and waits for it
// to end, be interrupted, or deadlock.
func (w *worker) execute(cell *sched.Cell, q *ipc.Request) magic.Result {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results := make(chan magic.Result, 1)
	go func() {
		var res magic.Result
		w.tracker.Run(cell, func() {
			defer func() {
				if r := recover(); r != nil { // the engine recovers; this is a last guard
					res = magic.Result{Result: engine.Result{Err: &outcome.Error{Name: "panic", Value: fmt.Sprint(r), Traceback: []string{"panic: " + fmt.Sprint(r)}}}}
				}
			}()
			res = w.magic.Run(ctx, q.Code)
		})
		results <- res // after Run: the cell's own goroutine no longer counts as running
	}()

	deadlock := w.tracker.WatchDeadlock(ctx, deadlockEvery, deadlockSamples)
	var grace <-chan time.Time
	var stopped *outcome.Error // why the worker stopped the cell, if it did
	stop := func(why *outcome.Error) {
		if stopped == nil {
			stopped = why
			w.tracker.Stop(cell)
			grace = time.After(interruptGrace)
		}
	}
	for {
		select {
		case res := <-results:
			if stopped != nil {
				res = magic.Result{Result: engine.Result{Err: stopped}}
			}
			return res
		case <-w.interrupts:
			stop(outcome.Interrupt())
		case p := <-w.programPanics:
			if p.cell == cell {
				stop(p.err) // a whole program dies of a panic in any of its goroutines
			}
		case <-grace:
			// The cell waits where only the interpreter can stop it.
			cancel()
			if stopped.Name == "interrupt" {
				stopped.Traceback = append(stopped.Traceback,
					"(the cell could not be stopped alone: goroutines started by earlier cells were stopped too)")
			}
			grace = nil
		case parked := <-deadlock:
			stop(sched.DeadlockError(parked))
		}
	}
}

// userExpressions evaluates execute_request's user_expressions after the cell.
func (w *worker) userExpressions(cell *sched.Cell, exprs map[string]string) map[string]map[string]any {
	w.tracker.Enter(cell)
	defer w.tracker.Leave()
	out := make(map[string]map[string]any, len(exprs))
	for name, src := range exprs {
		res := w.eng.Execute(context.Background(), src)
		if res.Err != nil {
			out[name] = map[string]any{"status": "error", "ename": res.Err.Name, "evalue": res.Err.Value, "traceback": res.Err.Traceback}
			continue
		}
		data := res.Data
		if data == nil {
			data = map[string]any{}
		}
		out[name] = map[string]any{"status": "ok", "data": data, "metadata": map[string]any{}}
	}
	return out
}

// stopBackground answers an interrupt while no cell runs: it stops every
// goroutine that earlier cells left running — the student's way to stop
// background work on purpose, as Ctrl-C stops a Go program — and says so
// under the cell that ran last.
func (w *worker) stopBackground() {
	n := 0
	for _, c := range w.tracker.Live() {
		n += c.Running()
		w.tracker.Stop(c)
	}
	if n == 0 {
		return
	}
	w.out.add(w.lastID(), "stderr", "[interrupt: stopped "+outcome.Count(n, "background goroutine")+"]\n")
	w.out.Flush()
}

// exit is os.Exit for cells: as in Go, the whole program ends, from any
// goroutine. The running cell is answered first ("exit status N", as go run
// prints; nothing for 0), then the process exits with the code and the
// kernel starts a fresh worker.
func (w *worker) exit(code int) {
	w.out.Flush()
	if q := w.running(); q != nil {
		done := &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK, Exit: true}
		if code != 0 {
			msg := fmt.Sprintf("exit status %d", code)
			done.Status, done.Error = ipc.StatusError, outcome.Simple("exit", msg)
		}
		w.events.Write(done)
	}
	os.Exit(code)
}

// goroutinePanic reports a panic that ended a goroutine, in the cell that
// started it, the way the Go runtime prints one. In a whole program (a cell
// that runs func main) that is still running, the program dies of it, as
// under go run: the cell ends with that error. Otherwise Go would exit; the
// kernel keeps the program running, and says so.
func (w *worker) goroutinePanic(c *sched.Cell, v any, stack []byte) {
	err := w.eng.GoroutinePanic(v, stack)
	if c != nil && c.Program() {
		if q := w.running(); q != nil && q.ID == c.ID {
			select {
			case w.programPanics <- cellPanic{c, err}:
				return
			default: // the program is ending already
			}
		}
	}
	id, where := w.lastID(), ""
	if c != nil {
		id, where = c.ID, " started in "+c.String()
	}
	tb := err.Traceback
	if n := len(tb); n > 0 && strings.HasPrefix(tb[n-1], "exit status") {
		tb = tb[:n-1]
	}
	text := strings.Join(tb, "\n") + "\n(a goroutine" + where + "; the kernel recovered this panic, other goroutines keep running)\n"
	w.out.add(id, "stderr", text)
	w.out.Flush()
}

// cellPanic is a panic that ends a whole program's cell.
type cellPanic struct {
	cell *sched.Cell
	err  *outcome.Error
}
