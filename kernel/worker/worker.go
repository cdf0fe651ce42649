// Package worker is the process that runs user code. The kernel process starts
// it (the same binary, hidden subcommand "worker"), sends it ipc.Requests on
// file descriptor 3 and reads ipc.Events from file descriptor 4.
//
// Contract: cells run one at a time, in the order they arrive; every execute
// request gets exactly one EvDone, after every byte the cell wrote to its
// stdout and stderr has been sent as EvStream. An interrupt cancels the running
// cell only. Anything the worker cannot survive (a panic in a goroutine, a
// fatal runtime error) ends the process: the Go runtime's own report goes to
// the real stderr, where the kernel reads it.
package worker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/ipc"
)

// Run serves requests from req and writes events to ev until req ends or a
// shutdown request arrives.
func Run(req io.Reader, ev io.Writer) error {
	w := &worker{events: ipc.NewWriter(ev)}
	stdout, err := newPump("stdout", w.emitStream)
	if err != nil {
		return err
	}
	stderr, err := newPump("stderr", w.emitStream)
	if err != nil {
		return err
	}
	w.pumps = []*pump{stdout, stderr}
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		return err
	}
	w.eng, err = engine.New(engine.Options{Stdin: devnull, Stdout: stdout.w, Stderr: stderr.w})
	if err != nil {
		return err
	}
	if err := w.events.Write(&ipc.Event{Ev: ipc.EvReady, PID: os.Getpid()}); err != nil {
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
			w.interrupt()
		case ipc.OpShutdown:
			return nil
		default:
			fmt.Fprintf(os.Stderr, "gokernel worker: unknown op %q\n", q.Op)
		}
	}
}

type worker struct {
	events *ipc.Writer
	eng    *engine.Engine
	pumps  []*pump
	cell   atomic.Value // string: id of the cell output is attributed to

	mu     sync.Mutex
	cancel context.CancelFunc // of the running cell; nil when idle
}

func (w *worker) emitStream(name, text string) {
	id, _ := w.cell.Load().(string)
	w.events.Write(&ipc.Event{Ev: ipc.EvStream, ID: id, Name: name, Text: text})
}

func (w *worker) interrupt() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		w.cancel()
	}
}

func (w *worker) runCells(cells <-chan *ipc.Request) {
	for q := range cells {
		w.cell.Store(q.ID)
		ctx, cancel := context.WithCancel(context.Background())
		w.mu.Lock()
		w.cancel = cancel
		w.mu.Unlock()

		res := w.eng.Execute(ctx, q.Code)
		done := &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK, Data: res.Data}
		if res.Err != nil {
			done.Status, done.Error, done.Data = ipc.StatusError, res.Err, nil
		} else if len(q.UserExpressions) > 0 {
			done.UserExpressions = w.userExpressions(ctx, q.UserExpressions)
		}

		w.mu.Lock()
		w.cancel = nil
		w.mu.Unlock()
		cancel()
		for _, p := range w.pumps {
			p.sync(time.Second)
		}
		w.events.Write(done)
	}
}

// userExpressions evaluates execute_request's user_expressions after the cell.
func (w *worker) userExpressions(ctx context.Context, exprs map[string]string) map[string]map[string]any {
	out := make(map[string]map[string]any, len(exprs))
	for name, src := range exprs {
		res := w.eng.Execute(ctx, src)
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

// A pump forwards what the cell writes into one pipe. Because the pipe is read
// by another goroutine, the end of a cell is marked by writing a random
// sync marker into the pipe and waiting until the reader reaches it: then all
// earlier writes have been forwarded.
type pump struct {
	name   string
	r, w   *os.File
	emit   func(name, text string)
	mu     sync.Mutex
	waiter map[string]chan struct{}
}

const markerPrefix = "\x00gokernel-sync:"
const markerLen = len(markerPrefix) + 32 + 1 // prefix, 32 hex digits, NUL

func newPump(name string, emit func(name, text string)) (*pump, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	p := &pump{name: name, r: r, w: w, emit: emit, waiter: map[string]chan struct{}{}}
	go p.run()
	return p, nil
}

func (p *pump) run() {
	buf := make([]byte, 0, 64<<10)
	chunk := make([]byte, 32<<10)
	for {
		n, err := p.r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		buf = p.forward(buf)
		if err != nil {
			if len(buf) > 0 {
				p.emit(p.name, string(buf))
			}
			return
		}
	}
}

// forward emits buf up to any marker or possible start of one, signals the
// markers it finds, and returns what must wait for more input.
func (p *pump) forward(buf []byte) []byte {
	for {
		i := indexMarker(buf)
		if i < 0 {
			// Hold back a tail that could be the start of a marker.
			keep := 0
			for k := min(len(buf), len(markerPrefix)-1); k > 0; k-- {
				if string(buf[len(buf)-k:]) == markerPrefix[:k] {
					keep = k
					break
				}
			}
			if len(buf)-keep > 0 {
				p.emit(p.name, string(buf[:len(buf)-keep]))
			}
			return append(buf[:0], buf[len(buf)-keep:]...)
		}
		if len(buf) < i+markerLen {
			if i > 0 {
				p.emit(p.name, string(buf[:i]))
			}
			return append(buf[:0], buf[i:]...)
		}
		if i > 0 {
			p.emit(p.name, string(buf[:i]))
		}
		p.signal(string(buf[i+len(markerPrefix) : i+markerLen-1]))
		buf = append(buf[:0], buf[i+markerLen:]...)
	}
}

func indexMarker(b []byte) int {
	for i := 0; i+len(markerPrefix) <= len(b); i++ {
		if b[i] == 0 && string(b[i:i+len(markerPrefix)]) == markerPrefix {
			return i
		}
	}
	return -1
}

func (p *pump) signal(nonce string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.waiter[nonce]; ok {
		close(c)
		delete(p.waiter, nonce)
	}
}

// sync waits until everything written to the pipe before the call has been
// emitted, or until timeout (a goroutine could be blocked mid-write on a full
// pipe; the cell must still end).
func (p *pump) sync(timeout time.Duration) {
	var raw [16]byte
	rand.Read(raw[:])
	nonce := hex.EncodeToString(raw[:])
	c := make(chan struct{})
	p.mu.Lock()
	p.waiter[nonce] = c
	p.mu.Unlock()
	if _, err := p.w.Write([]byte(markerPrefix + nonce + "\x00")); err != nil {
		return
	}
	select {
	case <-c:
	case <-time.After(timeout):
		p.mu.Lock()
		delete(p.waiter, nonce)
		p.mu.Unlock()
	}
}
