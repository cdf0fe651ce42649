package core

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/wire"
)

type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      bool              `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

// maxCellBytes bounds a cell's source: a larger one is refused with an error
// reply instead of being parsed and interpreted.
const maxCellBytes = 16 << 20

// runCells executes cells one at a time, in arrival order.
func (k *Kernel) runCells() {
	for msg := range k.cells {
		if failed, stop := k.execute(msg); failed && stop {
			k.abortQueued()
		}
	}
}

// settle waits, before a failed cell's reply goes out, until no execute
// request has arrived for settleQuiet (at most settleMax). "Run All" sends
// every cell at once, and the kernel may finish a failing cell before the
// client has even sent the next ones: whatever arrives before the error
// reply leaves was sent before the client saw the error, and is aborted.
// A client that waits for each reply cannot have sent anything yet.
func (k *Kernel) settle() {
	deadline := time.Now().Add(settleMax)
	for n := len(k.cells); time.Now().Before(deadline); {
		time.Sleep(settleQuiet)
		m := len(k.cells)
		if m == n {
			return
		}
		n = m
	}
}

// A client sends "Run All" in one burst, but on a loaded machine its process
// can be descheduled between two sends for tens of milliseconds (seen at
// load average 19 on two cores with 10 ms): the quiet time is what a failed
// cell's reply costs, so it stays well under what a person notices.
const (
	settleQuiet = 50 * time.Millisecond
	settleMax   = 500 * time.Millisecond
)

// execute runs one execute_request and reports whether it failed and whether
// the request asked that queued cells be aborted after a failure.
func (k *Kernel) execute(msg *wire.Message) (failed, stopOnError bool) {
	k.pub.Publish(msg, "status", map[string]any{"execution_state": "busy"})
	defer k.pub.Publish(msg, "status", map[string]any{"execution_state": "idle"})

	var c executeRequest
	if err := msg.DecodeContent(&c); err != nil {
		k.opt.Log("execute_request: bad content: %v", err)
		k.refuse(msg, "BadRequest", err.Error())
		return true, false
	}
	if len(c.Code) > maxCellBytes {
		why := fmt.Sprintf("the cell is %.1f MB; the kernel runs cells of up to %d MB", float64(len(c.Code))/(1<<20), maxCellBytes>>20)
		k.opt.Log("execute_request: %s", why)
		k.refuse(msg, "cell too large", why)
		return true, false
	}
	store := !c.Silent && (c.StoreHistory == nil || *c.StoreHistory)
	stopOnError = c.StopOnError == nil || *c.StopOnError

	k.mu.Lock()
	if store {
		k.count++
		k.history = append(k.history, historyEntry{line: k.count, input: c.Code})
	}
	count := k.count
	id := msg.Header.MsgID
	if _, seen := k.parents[id]; !seen {
		k.order = append(k.order, id)
	}
	k.parents[id] = parentOnly(msg)
	if len(k.order) > maxParents {
		delete(k.parents, k.order[0])
		k.order = k.order[1:]
	}
	k.mu.Unlock()

	if !c.Silent {
		k.pub.Publish(msg, "execute_input", map[string]any{"code": c.Code, "execution_count": count})
	}
	ev := k.exec.Execute(&ipc.Request{
		Op: ipc.OpExecute, ID: id, Code: c.Code, Count: count,
		AllowStdin: c.AllowStdin, UserExpressions: c.UserExpressions,
	})

	if ev.Status == ipc.StatusError && ev.Error != nil {
		e := ev.Error
		tb := e.Traceback
		if tb == nil {
			tb = []string{}
		}
		k.pub.Publish(msg, "error", map[string]any{"ename": e.Name, "evalue": e.Value, "traceback": tb})
		if stopOnError {
			k.settle()
		}
		k.reply(k.socks.Shell, msg, "execute_reply", map[string]any{
			"status": "error", "execution_count": count, "ename": e.Name, "evalue": e.Value, "traceback": tb,
		})
		return true, stopOnError
	}
	k.opt.Assistant.Learn(ev.Names)
	if tl, ok := k.opt.Assistant.(TypeLearner); ok && len(ev.Types) > 0 {
		tl.LearnTypes(ev.Types)
	}
	if len(ev.Data) > 0 && !c.Silent {
		md := ev.Metadata
		if md == nil {
			md = map[string]any{}
		}
		k.pub.Publish(msg, "execute_result", map[string]any{"execution_count": count, "data": ev.Data, "metadata": md})
	}
	ue := map[string]any{}
	for name, v := range ev.UserExpressions {
		ue[name] = v
	}
	k.reply(k.socks.Shell, msg, "execute_reply", map[string]any{
		"status": "ok", "execution_count": count, "user_expressions": ue, "payload": payload(ev.Payload),
	})
	return false, stopOnError
}

// refuse answers an execute request the kernel will not run with an error
// reply.
func (k *Kernel) refuse(msg *wire.Message, ename, evalue string) {
	k.reply(k.socks.Shell, msg, "execute_reply", map[string]any{
		"status": "error", "ename": ename, "evalue": evalue, "traceback": []string{evalue},
		"execution_count": k.executionCount(),
	})
}

// parentOnly keeps what routing a cell's later output needs — its header and
// identities — and not its content: the kernel keeps maxParents of them, and
// Decode's result shares memory with the whole received message.
func parentOnly(msg *wire.Message) *wire.Message {
	ids := make([][]byte, len(msg.Identities))
	for i, id := range msg.Identities {
		ids[i] = append([]byte(nil), id...)
	}
	return &wire.Message{Header: msg.Header, RawHeader: append([]byte(nil), msg.RawHeader...), Identities: ids}
}

// abortQueued answers every execute request already waiting with "aborted",
// so that a notebook's "run all" stops at the first failing cell.
//
// It takes only the requests queued when it starts: one that arrives while
// the aborted replies go out may have been sent after the client saw them.
func (k *Kernel) abortQueued() {
	for n := len(k.cells); n > 0; n-- {
		k.abort(<-k.cells)
	}
}

// abort answers an execute request with "aborted" without running it.
func (k *Kernel) abort(msg *wire.Message) {
	k.pub.Publish(msg, "status", map[string]any{"execution_state": "busy"})
	k.reply(k.socks.Shell, msg, "execute_reply", map[string]any{
		"status": "aborted", "execution_count": k.executionCount(),
	})
	k.pub.Publish(msg, "status", map[string]any{"execution_state": "idle"})
}

func (k *Kernel) executionCount() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.count
}

// historySession is the session number this kernel reports: history lives
// in memory and covers this kernel's life only.
const historySession = 1

type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// historyRequest answers tail, range and search over this session's inputs,
// as [session, line, input] triples.
func (k *Kernel) historyRequest(msg *wire.Message) (string, any) {
	var c historyRequest
	msg.DecodeContent(&c)
	k.mu.Lock()
	all := append([]historyEntry(nil), k.history...)
	k.mu.Unlock()

	var picked []historyEntry
	switch c.HistAccessType {
	case "tail":
		picked = all[max(0, len(all)-max(c.N, 0)):]
		if c.N <= 0 {
			picked = all
		}
	case "range":
		if c.Session == 0 || c.Session == historySession {
			stop := c.Stop
			if stop <= 0 {
				stop = len(all) + 1
			}
			for _, h := range all {
				if h.line >= c.Start && h.line < stop {
					picked = append(picked, h)
				}
			}
		}
	case "search":
		pattern := c.Pattern
		if pattern == "" {
			pattern = "*"
		}
		seen := map[string]bool{}
		for i := len(all) - 1; i >= 0; i-- { // newest first, to keep the last n
			h := all[i]
			if !globContains(pattern, h.input) {
				continue
			}
			if c.Unique && seen[h.input] {
				continue
			}
			seen[h.input] = true
			picked = append([]historyEntry{h}, picked...)
			if c.N > 0 && len(picked) >= c.N {
				break
			}
		}
	}
	out := make([][]any, 0, len(picked))
	for _, h := range picked {
		if c.Output {
			out = append(out, []any{historySession, h.line, []any{h.input, nil}})
		} else {
			out = append(out, []any{historySession, h.line, h.input})
		}
	}
	return "history_reply", map[string]any{"status": "ok", "history": out}
}

// globContains matches a glob against multi-line input: path.Match's * does
// not cross "/", so the input is matched with "/" replaced.
func globContains(pattern, s string) bool {
	ok, _ := path.Match(strings.ReplaceAll(pattern, "/", "\x00"), strings.ReplaceAll(s, "/", "\x00"))
	return ok
}

// payload is execute_reply's payload: the worker's (a "page" for `name?`),
// never null.
func payload(p []map[string]any) []any {
	out := make([]any, 0, len(p))
	for _, x := range p {
		out = append(out, x)
	}
	return out
}
