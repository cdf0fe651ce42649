// Package core is the kernel core: it routes Jupyter messages from the shell,
// control and stdin sockets to their handlers, keeps the execution count and
// history, and publishes status, inputs and results on iopub. It never runs
// user code; an Executor (the worker supervisor) does.
//
// Contract, as ipykernel behaves:
//   - every request on shell or control is bracketed by status busy and idle
//     on iopub, with the request as parent;
//   - execute requests run one at a time in arrival order; other shell
//     requests are answered at once, also while a cell runs;
//   - after a cell fails with stop_on_error, execute requests already queued
//     are answered "aborted" without running;
//   - display events of a cell are published as display_data, or
//     update_display_data when they update a display_id (in transient),
//     and clear_output, with the cell's execute_request as parent;
//     execute_reply carries the worker's payload ("page" for `name?`);
//   - inspect_request asks the Executor about the session's own names
//     (ValueInspector) before the Assistant's package docs;
//   - complete_request is answered by the Assistant alone, from what the
//     cells reported (TypeLearner) and what the worker's ready event says
//     it hosts (HostLearner); it never waits for the worker, except in the
//     kernel's first seconds for the first ready event (readyWait);
//   - a message that fails its signature check or cannot be decoded is
//     dropped with a log line; an unknown message type is logged; nothing a
//     client sends stops the kernel.
package core

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// Executor runs cells; *supervisor.Supervisor is one.
type Executor interface {
	Execute(q *ipc.Request) *ipc.Event
	Interrupt()
	// Input answers the running cell's request for a line of stdin.
	Input(text string)
	Close()
}

// Assistant answers the requests that read code without running it.
type Assistant interface {
	IsComplete(code string) (status, indent string)
	Complete(code string, cursor int) (matches []string, start, end int, metadata map[string]any)
	Inspect(code string, cursor, detail int) (data map[string]any, found bool)
	// Learn adds names that cells defined, for completion.
	Learn(names []string)
}

// ValueInspector is implemented by an Executor that can describe the
// session's own names (variables, functions, types) from the live worker;
// *supervisor.Supervisor does.
type ValueInspector interface {
	InspectValue(name string) (string, bool)
}

// TypeLearner is implemented by an Assistant that completes "x." for the
// session's variables from the types cells report (ipc.Event.Types).
type TypeLearner interface {
	LearnTypes(types map[string]*outcome.TypeInfo)
}

// HostLearner is implemented by an Assistant that completes and documents
// what the worker hosts beyond the standard library (gokernel/display, the
// magics): the kernel process does not load those packages, and learns
// them from each worker's ready event (ipc.Event.Hosted).
type HostLearner interface {
	LearnHosted(h *outcome.Hosted)
}

// NameFinder is implemented by an Assistant that can say which name the
// cursor is on, for inspecting it in the worker.
type NameFinder interface {
	NameAt(code string, cursor int) string
}

// Options configure a Kernel.
type Options struct {
	Version   string // gokernel's version, for kernel_info
	Assistant Assistant
	// StartExecutor is called once with the function that receives the
	// worker's events (output of running and background cells).
	StartExecutor func(sink func(*ipc.Event)) Executor
	Log           func(format string, args ...any)
}

// Kernel serves one connection file's sockets.
type Kernel struct {
	opt     Options
	socks   *transport.Sockets
	signer  *wire.Signer
	session string
	pub     *publisher
	exec    Executor
	cells   chan *wire.Message

	mu      sync.Mutex
	count   int
	history []historyEntry
	parents map[string]*wire.Message // cell id -> its execute_request, for routing output
	order   []string                 // cell ids, oldest first, to bound parents

	shutdown     chan bool // restart flag
	shutdownOnce sync.Once
	restart      atomic.Bool // the shutdown_request's restart flag

	started   time.Time     // when New ran
	ready     chan struct{} // closed at the first worker's ready event
	readyOnce sync.Once
}

// readyWait bounds how long after the kernel starts a complete request
// waits for the first worker's ready event, which says what it hosts: a
// client that completes "%ti" at once gets the magics, and a worker that
// never starts delays completion only in the kernel's first seconds.
const readyWait = 5 * time.Second

type historyEntry struct {
	line  int
	input string
}

// maxParents bounds how many cells' requests are kept for routing the output
// of goroutines that outlive their cell.
const maxParents = 10000

// New returns a kernel on socks; Serve starts it.
func New(socks *transport.Sockets, signer *wire.Signer, o Options) *Kernel {
	if o.Log == nil {
		o.Log = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "gokernel: "+format+"\n", args...) }
	}
	k := &Kernel{
		opt:      o,
		socks:    socks,
		signer:   signer,
		session:  wire.NewID(),
		cells:    make(chan *wire.Message, 4096),
		parents:  map[string]*wire.Message{},
		shutdown: make(chan bool, 1),
		started:  time.Now(),
		ready:    make(chan struct{}),
	}
	k.pub = newPublisher(k.sendIOPub)
	k.exec = o.StartExecutor(k.workerEvent)
	return k
}

// Serve answers requests until a shutdown_request arrives or ctx ends. It
// reports whether the client asked for a restart.
func (k *Kernel) Serve(ctx context.Context) (restart bool, err error) {
	k.pub.Publish(nil, "status", map[string]any{"execution_state": "starting"})
	go k.heartbeat()
	go k.readLoop("shell", k.socks.Shell)
	go k.readLoop("control", k.socks.Control)
	go k.readLoop("stdin", k.socks.Stdin)
	go k.runCells()
	select {
	case restart = <-k.shutdown:
	case <-ctx.Done():
		err = ctx.Err()
	}
	k.exec.Close()
	k.pub.Close()
	return restart, err
}

// Interrupt stops the running cell, as an interrupt_request does.
func (k *Kernel) Interrupt() { k.exec.Interrupt() }

func (k *Kernel) heartbeat() {
	for {
		frames, err := k.socks.HB.Recv()
		if err != nil {
			return
		}
		if err := k.socks.HB.Send(frames); err != nil {
			k.opt.Log("heartbeat: %v", err)
		}
	}
}

func (k *Kernel) readLoop(channel string, s transport.Socket) {
	for {
		frames, err := s.Recv()
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return
			}
			k.opt.Log("%s: receive: %v", channel, err)
			return
		}
		msg, err := wire.Decode(frames, k.signer)
		if err != nil {
			k.opt.Log("%s: dropped a message: %v", channel, err)
			continue
		}
		k.dispatch(channel, s, msg)
	}
}

func (k *Kernel) dispatch(channel string, s transport.Socket, msg *wire.Message) {
	t := msg.Header.MsgType
	if channel == "stdin" {
		if t != "input_reply" {
			k.opt.Log("stdin: unexpected %s ignored", t)
			return
		}
		var c struct {
			Value string `json:"value"`
		}
		if err := msg.DecodeContent(&c); err != nil {
			k.opt.Log("stdin: bad input_reply: %v", err)
		}
		k.exec.Input(c.Value)
		return
	}
	if t == "execute_request" && channel == "shell" {
		k.cells <- msg
		return
	}
	handler, ok := k.handlers()[t]
	if !ok {
		k.opt.Log("%s: unknown message type %q ignored", channel, t)
		return
	}
	k.pub.Publish(msg, "status", map[string]any{"execution_state": "busy"})
	replyType, content := handler(msg)
	if replyType != "" {
		k.reply(s, msg, replyType, content)
	}
	k.pub.Publish(msg, "status", map[string]any{"execution_state": "idle"})
	if t == "shutdown_request" {
		// Only now, with the reply sent: Serve's return closes the sockets.
		k.shutdownOnce.Do(func() { k.shutdown <- k.restart.Load() })
	}
}

type handler func(msg *wire.Message) (replyType string, content any)

func (k *Kernel) handlers() map[string]handler {
	return map[string]handler{
		"kernel_info_request": k.kernelInfo,
		"is_complete_request": k.isComplete,
		"complete_request":    k.complete,
		"inspect_request":     k.inspect,
		"history_request":     k.historyRequest,
		"comm_info_request":   k.commInfo,
		"comm_open":           k.commOpen,
		"comm_msg":            func(*wire.Message) (string, any) { return "", nil },
		"comm_close":          func(*wire.Message) (string, any) { return "", nil },
		"interrupt_request":   k.interrupt,
		"shutdown_request":    k.shutdownRequest,
	}
}

// reply sends a reply on the socket the request came in on.
func (k *Kernel) reply(s transport.Socket, req *wire.Message, msgType string, content any) {
	k.send(s, req, msgType, content, nil)
}

// sendIOPub is the publisher's only way out; it runs on its goroutine.
func (k *Kernel) sendIOPub(parent *wire.Message, msgType string, content any) {
	k.send(k.socks.IOPub, parent, msgType, content, [][]byte{[]byte("kernel." + k.session + "." + msgType)})
}

// send builds, signs and sends one message; ids, when set, replace the
// routing identities taken from parent.
func (k *Kernel) send(s transport.Socket, parent *wire.Message, msgType string, content any, ids [][]byte) {
	m, err := wire.NewReply(parent, msgType, k.session, content)
	if err != nil {
		k.opt.Log("building %s: %v", msgType, err)
		return
	}
	if ids != nil {
		m.Identities = ids
	}
	frames, err := wire.Encode(m, k.signer)
	if err != nil {
		k.opt.Log("encoding %s: %v", msgType, err)
		return
	}
	if err := s.Send(frames); err != nil {
		k.opt.Log("sending %s: %v", msgType, err)
	}
}

// cursorPos is a request's cursor_pos, or the end of code when it is
// missing or out of range (code points, as protocol 5.2 counts).
func cursorPos(code string, pos *int) int {
	end := len([]rune(code))
	if pos != nil && *pos >= 0 && *pos <= end {
		return *pos
	}
	return end
}

func (k *Kernel) kernelInfo(*wire.Message) (string, any) {
	return "kernel_info_reply", map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         "gokernel",
		"implementation_version": k.opt.Version,
		"language_info": map[string]any{
			"name":            "go",
			"version":         goVersion(),
			"mimetype":        "text/x-go",
			"file_extension":  ".go",
			"pygments_lexer":  "go",
			"codemirror_mode": "go",
		},
		"banner": fmt.Sprintf("gokernel %s — Go %s interpreted by yaegi; goroutines keep running between cells.",
			k.opt.Version, goVersion()),
		"help_links": []map[string]string{
			{"text": "Go documentation", "url": "https://go.dev/doc/"},
			{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
			{"text": "A Tour of Go", "url": "https://go.dev/tour/"},
		},
		"debugger": false,
	}
}

func goVersion() string {
	v := runtime.Version()
	if len(v) > 2 && v[:2] == "go" {
		return v[2:]
	}
	return v
}

func (k *Kernel) isComplete(msg *wire.Message) (string, any) {
	var c struct {
		Code string `json:"code"`
	}
	if err := msg.DecodeContent(&c); err != nil {
		return "is_complete_reply", map[string]any{"status": "unknown"}
	}
	status, indent := k.opt.Assistant.IsComplete(c.Code)
	content := map[string]any{"status": status}
	if status == "incomplete" {
		content["indent"] = indent
	}
	return "is_complete_reply", content
}

func (k *Kernel) complete(msg *wire.Message) (string, any) {
	var c struct {
		Code      string `json:"code"`
		CursorPos *int   `json:"cursor_pos"`
	}
	msg.DecodeContent(&c)
	cursor := cursorPos(c.Code, c.CursorPos)
	if _, ok := k.opt.Assistant.(HostLearner); ok {
		select {
		case <-k.ready:
		case <-time.After(time.Until(k.started.Add(readyWait))):
		}
	}
	matches, start, end, md := k.opt.Assistant.Complete(c.Code, cursor)
	if matches == nil {
		matches = []string{}
	}
	if md == nil {
		md = map[string]any{}
	}
	return "complete_reply", map[string]any{
		"status": "ok", "matches": matches, "cursor_start": start, "cursor_end": end, "metadata": md,
	}
}

func (k *Kernel) inspect(msg *wire.Message) (string, any) {
	var c struct {
		Code        string `json:"code"`
		CursorPos   *int   `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	msg.DecodeContent(&c)
	cursor := cursorPos(c.Code, c.CursorPos)
	var data map[string]any
	found := false
	// The session's own names first (a variable may shadow a package name),
	// then the standard library's.
	if nf, ok := k.opt.Assistant.(NameFinder); ok {
		if vi, ok := k.exec.(ValueInspector); ok {
			if name := nf.NameAt(c.Code, cursor); name != "" {
				if text, ok := vi.InspectValue(name); ok {
					data, found = map[string]any{"text/plain": text}, true
				}
			}
		}
	}
	if !found {
		data, found = k.opt.Assistant.Inspect(c.Code, cursor, c.DetailLevel)
	}
	if data == nil {
		data = map[string]any{}
	}
	return "inspect_reply", map[string]any{"status": "ok", "found": found, "data": data, "metadata": map[string]any{}}
}

func (k *Kernel) commInfo(*wire.Message) (string, any) {
	return "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}}
}

// commOpen answers a comm the kernel has no target for by closing it, as
// ipykernel does for an unknown target name.
func (k *Kernel) commOpen(msg *wire.Message) (string, any) {
	var c struct {
		CommID     string `json:"comm_id"`
		TargetName string `json:"target_name"`
	}
	msg.DecodeContent(&c)
	k.opt.Log("comm_open: no comm target %q", c.TargetName)
	k.pub.Publish(msg, "comm_close", map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
	return "", nil
}

func (k *Kernel) interrupt(*wire.Message) (string, any) {
	k.exec.Interrupt()
	return "interrupt_reply", map[string]any{"status": "ok"}
}

func (k *Kernel) shutdownRequest(msg *wire.Message) (string, any) {
	var c struct {
		Restart bool `json:"restart"`
	}
	msg.DecodeContent(&c)
	content := map[string]any{"status": "ok", "restart": c.Restart}
	k.pub.Publish(msg, "shutdown_reply", content)
	k.restart.Store(c.Restart) // dispatch stops the kernel once the reply is out
	return "shutdown_reply", content
}

// workerEvent routes what the worker sends outside a cell's reply: the
// output of running cells and of goroutines that outlived theirs, and each
// worker's ready event (what it hosts goes to the Assistant).
func (k *Kernel) workerEvent(ev *ipc.Event) {
	if ev.Ev == ipc.EvReady {
		if hl, ok := k.opt.Assistant.(HostLearner); ok {
			hl.LearnHosted(ev.Hosted)
		}
		k.readyOnce.Do(func() { close(k.ready) })
		return
	}
	k.mu.Lock()
	parent := k.parents[ev.ID]
	k.mu.Unlock()
	switch ev.Ev {
	case ipc.EvStream:
		k.pub.Stream(parent, ev.Name, ev.Text)
	case ipc.EvInput:
		// The cell reads stdin: ask the frontend that sent it, on the
		// stdin channel, with the same routing identity.
		if parent == nil {
			k.opt.Log("worker: input request for unknown cell %s", ev.ID)
			return
		}
		k.pub.Flush()
		// Cells have no password prompt (Go's standard library has none).
		k.reply(k.socks.Stdin, parent, "input_request", map[string]any{"prompt": ev.Text, "password": false})
	case ipc.EvDisplay:
		md := ev.Metadata
		if md == nil {
			md = map[string]any{}
		}
		transient := map[string]any{}
		if ev.DisplayID != "" {
			transient["display_id"] = ev.DisplayID
		}
		msgType := "display_data"
		if ev.Update {
			msgType = "update_display_data"
		}
		k.pub.Publish(parent, msgType, map[string]any{"data": ev.Data, "metadata": md, "transient": transient})
	case ipc.EvClear:
		k.pub.Publish(parent, "clear_output", map[string]any{"wait": ev.Wait})
	default:
		k.opt.Log("worker: unexpected event %q", ev.Ev)
	}
}
