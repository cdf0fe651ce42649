package core

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/assist"
	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// hang bounds every wait of these tests: it only ends a test that would
// otherwise hang, far beyond what any step takes on a loaded machine.
const hang = 20 * time.Second

// waitFor polls cond until it holds, or fails the test after hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hang)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// memSocket is an in-memory transport.Socket: tests push frames into in and
// read what the kernel sent from out.
type memSocket struct {
	in     chan [][]byte
	out    chan [][]byte
	closed chan struct{}
	once   sync.Once
}

func newMemSocket() *memSocket {
	return &memSocket{in: make(chan [][]byte, 64), out: make(chan [][]byte, 100000), closed: make(chan struct{})}
}

func (m *memSocket) Recv() ([][]byte, error) {
	select {
	case f := <-m.in:
		return f, nil
	case <-m.closed:
		return nil, context.Canceled
	}
}
func (m *memSocket) Send(f [][]byte) error { m.out <- f; return nil }
func (m *memSocket) Close() error          { m.once.Do(func() { close(m.closed) }); return nil }

// fakeExec runs cells by a table: code -> event.
type fakeExec struct {
	mu          sync.Mutex
	ran         []string
	sink        func(*ipc.Event)
	block       chan struct{} // when set, "block" cells wait on it
	interrupted int
	inputs      []string
}

func (f *fakeExec) Execute(q *ipc.Request) *ipc.Event {
	f.mu.Lock()
	f.ran = append(f.ran, q.Code)
	f.mu.Unlock()
	switch {
	case q.Code == "block":
		<-f.block
		return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK}
	case strings.HasPrefix(q.Code, "print "):
		f.sink(&ipc.Event{Ev: ipc.EvStream, ID: q.ID, Name: "stdout", Text: strings.TrimPrefix(q.Code, "print ") + "\n"})
		return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK}
	case q.Code == "display":
		f.sink(&ipc.Event{Ev: ipc.EvStream, ID: q.ID, Name: "stdout", Text: "first\n"})
		f.sink(&ipc.Event{Ev: ipc.EvDisplay, ID: q.ID, Data: map[string]any{"text/html": "<b>0</b>"}, DisplayID: "d1"})
		f.sink(&ipc.Event{Ev: ipc.EvDisplay, ID: q.ID, Data: map[string]any{"text/html": "<b>1</b>"}, DisplayID: "d1", Update: true})
		f.sink(&ipc.Event{Ev: ipc.EvClear, ID: q.ID, Wait: true})
		return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK,
			Payload: []map[string]any{{"source": "page", "data": map[string]any{"text/plain": "doc"}, "start": 0}}}
	case q.Code == "fail":
		return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusError,
			Error: &outcome.Error{Name: "panic", Value: "boom", Traceback: []string{"panic: boom"}}}
	case q.Code == "value":
		ue := map[string]map[string]any{}
		for name := range q.UserExpressions {
			ue[name] = map[string]any{"status": "ok", "data": map[string]any{"text/plain": "2"}, "metadata": map[string]any{}}
		}
		return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK,
			Data: map[string]any{"text/plain": "42"}, UserExpressions: ue}
	}
	return &ipc.Event{Ev: ipc.EvDone, ID: q.ID, Status: ipc.StatusOK}
}
func (f *fakeExec) Interrupt() { f.mu.Lock(); f.interrupted++; f.mu.Unlock() }
func (f *fakeExec) Input(text string) {
	f.mu.Lock()
	f.inputs = append(f.inputs, text)
	f.mu.Unlock()
}
func (f *fakeExec) Close() {}

type harness struct {
	t                           *testing.T
	shell, control, stdin, iopb *memSocket
	hb                          *memSocket
	signer                      *wire.Signer
	exec                        *fakeExec
	k                           *Kernel
	done                        chan bool
	cancel                      context.CancelFunc
}

// start starts a kernel whose executor is ready at once, as a worker
// announces itself with EvReady.
func start(t *testing.T) *harness { t.Helper(); return startKernel(t, true) }

func startKernel(t *testing.T, ready bool) *harness {
	t.Helper()
	signer, err := wire.NewSigner("hmac-sha256", []byte("test-key"))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, shell: newMemSocket(), control: newMemSocket(), stdin: newMemSocket(),
		iopb: newMemSocket(), hb: newMemSocket(), signer: signer, exec: &fakeExec{block: make(chan struct{})},
		done: make(chan bool, 1)}
	socks := &transport.Sockets{Shell: h.shell, Control: h.control, Stdin: h.stdin, IOPub: h.iopb, HB: h.hb}
	h.k = New(socks, signer, Options{
		Version:   "test",
		Assistant: assist.New(),
		StartExecutor: func(sink func(*ipc.Event)) Executor {
			h.exec.sink = sink
			if ready {
				sink(&ipc.Event{Ev: ipc.EvReady, PID: 1})
			}
			return h.exec
		},
		Log: func(string, ...any) {},
	})
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		restart, _ := h.k.Serve(ctx)
		h.done <- restart
	}()
	t.Cleanup(func() { cancel(); socks.Close() })
	return h
}

// send signs and queues a request; it returns the request's msg_id.
func (h *harness) send(s *memSocket, msgType string, content any) string {
	h.t.Helper()
	m, err := wire.NewMessage(msgType, "client-session", content)
	if err != nil {
		h.t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("client-1")}
	frames, err := wire.Encode(m, h.signer)
	if err != nil {
		h.t.Fatal(err)
	}
	s.in <- frames
	return m.Header.MsgID
}

func (h *harness) recv(s *memSocket) *wire.Message {
	h.t.Helper()
	select {
	case f := <-s.out:
		m, err := wire.Decode(f, h.signer)
		if err != nil {
			h.t.Fatalf("kernel sent an undecodable message: %v", err)
		}
		return m
	case <-time.After(hang):
		h.t.Fatal("timed out waiting for a message")
	}
	return nil
}

func parentID(t *testing.T, m *wire.Message) string {
	var p wire.Header
	if err := json.Unmarshal(m.ParentHeader, &p); err != nil {
		t.Fatalf("parent header: %v", err)
	}
	return p.MsgID
}

func content(t *testing.T, m *wire.Message) map[string]any {
	var c map[string]any
	if err := m.DecodeContent(&c); err != nil {
		t.Fatal(err)
	}
	return c
}

// iopubUntilIdle collects iopub messages for parent id until its idle status.
func (h *harness) iopubUntilIdle(id string) []*wire.Message {
	var got []*wire.Message
	for {
		m := h.recv(h.iopb)
		if m.Header.MsgType == "status" && parentID(h.t, m) == "" {
			continue // "starting"
		}
		if parentID(h.t, m) != id {
			continue
		}
		got = append(got, m)
		if m.Header.MsgType == "status" && content(h.t, m)["execution_state"] == "idle" {
			return got
		}
	}
}

func types(ms []*wire.Message) string {
	var s []string
	for _, m := range ms {
		t := m.Header.MsgType
		if t == "status" {
			var c map[string]any
			m.DecodeContent(&c)
			t = fmt.Sprint(c["execution_state"])
		}
		s = append(s, t)
	}
	return strings.Join(s, ",")
}

func TestRequestReplies(t *testing.T) {
	tests := []struct {
		name      string
		control   bool
		msgType   string
		content   map[string]any
		replyType string
		check     func(t *testing.T, c map[string]any)
	}{
		{"kernel_info", false, "kernel_info_request", nil, "kernel_info_reply", func(t *testing.T, c map[string]any) {
			li := c["language_info"].(map[string]any)
			if li["name"] != "go" || li["mimetype"] != "text/x-go" || li["file_extension"] != ".go" ||
				li["pygments_lexer"] != "go" || li["codemirror_mode"] != "go" || c["protocol_version"] != "5.3" {
				t.Errorf("kernel_info_reply %v", c)
			}
		}},
		{"kernel_info on control", true, "kernel_info_request", nil, "kernel_info_reply", func(t *testing.T, c map[string]any) {
			if c["implementation"] != "gokernel" {
				t.Errorf("implementation %v", c["implementation"])
			}
		}},
		{"is_complete incomplete", false, "is_complete_request", map[string]any{"code": "for {"}, "is_complete_reply",
			func(t *testing.T, c map[string]any) {
				if c["status"] != "incomplete" || c["indent"] == nil {
					t.Errorf("%v", c)
				}
			}},
		{"is_complete complete", false, "is_complete_request", map[string]any{"code": "x := 1"}, "is_complete_reply",
			func(t *testing.T, c map[string]any) {
				if c["status"] != "complete" {
					t.Errorf("%v", c)
				}
			}},
		{"is_complete invalid", false, "is_complete_request", map[string]any{"code": "x := )"}, "is_complete_reply",
			func(t *testing.T, c map[string]any) {
				if c["status"] != "invalid" {
					t.Errorf("%v", c)
				}
			}},
		{"complete", false, "complete_request", map[string]any{"code": "fmt.Prin", "cursor_pos": 8}, "complete_reply",
			func(t *testing.T, c map[string]any) {
				m := fmt.Sprint(c["matches"])
				if !strings.Contains(m, "Println") || c["cursor_start"] != 4.0 || c["cursor_end"] != 8.0 || c["status"] != "ok" {
					t.Errorf("%v", c)
				}
			}},
		{"complete out of range cursor", false, "complete_request", map[string]any{"code": "pri", "cursor_pos": 99}, "complete_reply",
			func(t *testing.T, c map[string]any) {
				if !strings.Contains(fmt.Sprint(c["matches"]), "println") {
					t.Errorf("%v", c)
				}
			}},
		{"inspect found", false, "inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 5, "detail_level": 0},
			"inspect_reply", func(t *testing.T, c map[string]any) {
				if c["found"] != true || !strings.Contains(fmt.Sprint(c["data"]), "func Println(a ...any)") {
					t.Errorf("%v", c)
				}
			}},
		{"inspect not found", false, "inspect_request", map[string]any{"code": "nosuchthing", "cursor_pos": 3}, "inspect_reply",
			func(t *testing.T, c map[string]any) {
				if c["found"] != false || c["status"] != "ok" {
					t.Errorf("%v", c)
				}
			}},
		{"comm_info", false, "comm_info_request", nil, "comm_info_reply", func(t *testing.T, c map[string]any) {
			if _, ok := c["comms"].(map[string]any); !ok {
				t.Errorf("%v", c)
			}
		}},
		{"history empty", false, "history_request", map[string]any{"hist_access_type": "tail", "n": 5}, "history_reply",
			func(t *testing.T, c map[string]any) {
				if h, ok := c["history"].([]any); !ok || len(h) != 0 {
					t.Errorf("%v", c)
				}
			}},
		{"interrupt", true, "interrupt_request", nil, "interrupt_reply", func(t *testing.T, c map[string]any) {
			if c["status"] != "ok" {
				t.Errorf("%v", c)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t)
			s := h.shell
			if tt.control {
				s = h.control
			}
			id := h.send(s, tt.msgType, tt.content)
			reply := h.recv(s)
			if reply.Header.MsgType != tt.replyType || parentID(t, reply) != id {
				t.Fatalf("got %s for %s", reply.Header.MsgType, parentID(t, reply))
			}
			if string(reply.Identities[0]) != "client-1" {
				t.Errorf("reply routed to %q", reply.Identities[0])
			}
			tt.check(t, content(t, reply))
			if got := types(h.iopubUntilIdle(id)); got != "busy,idle" {
				t.Errorf("iopub: %s, want busy,idle", got)
			}
		})
	}
}

func TestExecuteMessageOrder(t *testing.T) {
	tests := []struct {
		code, want, status string
	}{
		{"print hi", "busy,execute_input,stream,idle", "ok"},
		{"value", "busy,execute_input,execute_result,idle", "ok"},
		{"fail", "busy,execute_input,error,idle", "error"},
	}
	h := start(t)
	for i, tt := range tests {
		id := h.send(h.shell, "execute_request", map[string]any{"code": tt.code, "silent": false})
		reply := h.recv(h.shell)
		c := content(t, reply)
		if c["status"] != tt.status || c["execution_count"] != float64(i+1) {
			t.Errorf("%s: reply %v", tt.code, c)
		}
		if got := types(h.iopubUntilIdle(id)); got != tt.want {
			t.Errorf("%s: iopub %s, want %s", tt.code, got, tt.want)
		}
	}
}

func TestDisplayMessages(t *testing.T) {
	h := start(t)
	id := h.send(h.shell, "execute_request", map[string]any{"code": "display"})
	reply := content(t, h.recv(h.shell))
	if p, _ := reply["payload"].([]any); len(p) != 1 || p[0].(map[string]any)["source"] != "page" {
		t.Errorf("payload %v", reply["payload"])
	}
	msgs := h.iopubUntilIdle(id)
	if got := types(msgs); got != "busy,execute_input,stream,display_data,update_display_data,clear_output,idle" {
		t.Fatalf("iopub %s", got)
	}
	for _, m := range msgs[3:5] {
		c := content(t, m)
		if c["transient"].(map[string]any)["display_id"] != "d1" || parentID(t, m) != id {
			t.Errorf("%s: %v", m.Header.MsgType, c)
		}
	}
	if c := content(t, msgs[5]); c["wait"] != true {
		t.Errorf("clear_output %v", c)
	}
}

func TestSilentAndUserExpressions(t *testing.T) {
	h := start(t)
	id := h.send(h.shell, "execute_request", map[string]any{"code": "value", "silent": true})
	if c := content(t, h.recv(h.shell)); c["execution_count"] != 0.0 {
		t.Errorf("silent cell counted: %v", c)
	}
	if got := types(h.iopubUntilIdle(id)); got != "busy,idle" {
		t.Errorf("silent iopub: %s", got)
	}
	h.send(h.shell, "execute_request", map[string]any{"code": "value", "user_expressions": map[string]any{"two": "1+1"}})
	c := content(t, h.recv(h.shell))
	ue := c["user_expressions"].(map[string]any)["two"].(map[string]any)
	if ue["status"] != "ok" || ue["data"].(map[string]any)["text/plain"] != "2" {
		t.Errorf("user_expressions %v", c["user_expressions"])
	}
}

func TestStopOnErrorAbortsQueue(t *testing.T) {
	for _, stop := range []bool{true, false} {
		t.Run(fmt.Sprint("stop_on_error=", stop), func(t *testing.T) {
			h := start(t)
			h.send(h.shell, "execute_request", map[string]any{"code": "block"})
			h.send(h.shell, "execute_request", map[string]any{"code": "fail", "stop_on_error": stop})
			h.send(h.shell, "execute_request", map[string]any{"code": "print later"})
			// "block" runs and the other two wait behind it.
			waitFor(t, "two cells queued behind a running one", func() bool {
				h.exec.mu.Lock()
				defer h.exec.mu.Unlock()
				return len(h.exec.ran) == 1 && len(h.k.cells) == 2
			})
			close(h.exec.block)
			var statuses []string
			for range 3 {
				statuses = append(statuses, fmt.Sprint(content(t, h.recv(h.shell))["status"]))
			}
			want := "ok,error,aborted"
			if !stop {
				want = "ok,error,ok"
			}
			if got := strings.Join(statuses, ","); got != want {
				t.Errorf("statuses %s, want %s", got, want)
			}
		})
	}
}

func TestHistory(t *testing.T) {
	h := start(t)
	for _, code := range []string{"print a", "print b", "value"} {
		h.send(h.shell, "execute_request", map[string]any{"code": code})
		h.recv(h.shell)
	}
	tests := []struct {
		req  map[string]any
		want string
	}{
		{map[string]any{"hist_access_type": "tail", "n": 2}, "[[1 2 print b] [1 3 value]]"},
		{map[string]any{"hist_access_type": "range", "session": 0, "start": 1, "stop": 3}, "[[1 1 print a] [1 2 print b]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "print*", "n": 10}, "[[1 1 print a] [1 2 print b]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "*b", "n": 10}, "[[1 2 print b]]"},
	}
	for _, tt := range tests {
		h.send(h.shell, "history_request", tt.req)
		if got := fmt.Sprint(content(t, h.recv(h.shell))["history"]); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.req, got, tt.want)
		}
	}
}

func TestBadInputKeepsServing(t *testing.T) {
	h := start(t)
	bad, _ := wire.NewSigner("hmac-sha256", []byte("wrong-key"))
	m, _ := wire.NewMessage("kernel_info_request", "s", map[string]any{})
	frames, _ := wire.Encode(m, bad)
	inputs := [][][]byte{
		frames,                              // bad signature
		{[]byte("id"), []byte("<IDS|MSG>")}, // missing frames
		{[]byte("no delimiter")},            // no delimiter
		{[]byte("<IDS|MSG>"), {}, []byte("{"), {}, {}, {}}, // bad JSON (and unsigned)
	}
	for _, f := range inputs {
		h.shell.in <- f
	}
	h.send(h.shell, "no_such_request", nil)
	id := h.send(h.shell, "kernel_info_request", nil)
	reply := h.recv(h.shell)
	if parentID(t, reply) != id {
		t.Fatalf("first reply is for %s, want the kernel_info after the bad input", parentID(t, reply))
	}
}

func TestShutdown(t *testing.T) {
	h := start(t)
	h.send(h.control, "shutdown_request", map[string]any{"restart": true})
	if c := content(t, h.recv(h.control)); c["restart"] != true || c["status"] != "ok" {
		t.Errorf("shutdown_reply %v", c)
	}
	select {
	case restart := <-h.done:
		if !restart {
			t.Error("Serve did not report the restart")
		}
	case <-time.After(hang):
		t.Fatal("Serve did not return after shutdown_request")
	}
}

func TestCommOpenIsClosed(t *testing.T) {
	h := start(t)
	id := h.send(h.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "nope", "data": map[string]any{}})
	msgs := h.iopubUntilIdle(id)
	if got := types(msgs); got != "busy,comm_close,idle" {
		t.Fatalf("iopub %s", got)
	}
	if content(t, msgs[1])["comm_id"] != "c1" {
		t.Errorf("closed %v", content(t, msgs[1]))
	}
}

func TestBackgroundOutputRoutesToStartingCell(t *testing.T) {
	h := start(t)
	first := h.send(h.shell, "execute_request", map[string]any{"code": "starts goroutine"})
	h.recv(h.shell)
	h.iopubUntilIdle(first)
	h.exec.sink(&ipc.Event{Ev: ipc.EvStream, ID: first, Name: "stdout", Text: "late\n"})
	m := h.recv(h.iopb)
	if m.Header.MsgType != "stream" || parentID(t, m) != first {
		t.Fatalf("got %s for %s, want stream for the first cell", m.Header.MsgType, parentID(t, m))
	}
}

func TestInputRequestAndReply(t *testing.T) {
	h := start(t)
	id := h.send(h.shell, "execute_request", map[string]any{"code": "reads stdin", "allow_stdin": true})
	h.recv(h.shell)
	h.exec.sink(&ipc.Event{Ev: ipc.EvInput, ID: id, Text: "Name: "})
	req := h.recv(h.stdin)
	if req.Header.MsgType != "input_request" || parentID(t, req) != id || string(req.Identities[0]) != "client-1" {
		t.Fatalf("got %s for %s routed to %q", req.Header.MsgType, parentID(t, req), req.Identities)
	}
	if c := content(t, req); c["prompt"] != "Name: " || c["password"] != false {
		t.Errorf("input_request %v", c)
	}
	h.send(h.stdin, "input_reply", map[string]any{"value": "Gopher"})
	waitFor(t, "the executor to get the input", func() bool {
		h.exec.mu.Lock()
		defer h.exec.mu.Unlock()
		return fmt.Sprint(h.exec.inputs) == "[Gopher]"
	})
}

// What the worker hosts reaches completion with its ready event.
func TestReadyEventTeachesCompletion(t *testing.T) {
	h := start(t)
	h.exec.sink(&ipc.Event{Ev: ipc.EvReady, PID: 1, Hosted: &outcome.Hosted{
		Packages: []outcome.Package{{Path: "gokernel/display", Name: "display",
			Members: []outcome.Member{{Name: "Progress", Kind: "func", Signature: "func(int, string) *display.Bar"}}}},
		Magics: []string{"%time", "%timeit"},
	}})
	for code, want := range map[string]string{"display.Pro": "[Progress]", "%ti": "[%time %timeit]"} {
		h.send(h.shell, "complete_request", map[string]any{"code": code, "cursor_pos": len(code)})
		if got := fmt.Sprint(content(t, h.recv(h.shell))["matches"]); got != want {
			t.Errorf("complete %q: %s, want %s", code, got, want)
		}
	}
}

// A complete request that comes before the first worker is ready waits for
// its ready event (up to readyWait), and so knows what the worker hosts.
func TestCompletionRightAfterStart(t *testing.T) {
	h := startKernel(t, false)
	h.send(h.shell, "complete_request", map[string]any{"code": "%ti", "cursor_pos": 3})
	h.exec.sink(&ipc.Event{Ev: ipc.EvReady, PID: 1, Hosted: &outcome.Hosted{Magics: []string{"%time", "%timeit"}}})
	if got := fmt.Sprint(content(t, h.recv(h.shell))["matches"]); got != "[%time %timeit]" {
		t.Errorf("complete %%ti: %s", got)
	}
}
