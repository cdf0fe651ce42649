// Package ipc is the framed protocol between the kernel process, which owns the
// Jupyter sockets, and the worker process, which owns the interpreter.
//
// Each frame is a 4-byte big-endian length followed by that many bytes of JSON.
// The kernel sends Requests on the worker's file descriptor 3 and reads Events
// from its file descriptor 4; the worker's own stdout and stderr stay free for
// the Go runtime, so a fatal error's text reaches the kernel intact even when
// the worker dies half-way through a frame.
//
// JSON is slower than a binary encoding, but frames are small (a cell, a chunk
// of output) and a readable protocol is easy to log and debug.
package ipc

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// MaxFrame bounds one frame so that a corrupt length cannot make the reader
// allocate without limit.
const MaxFrame = 256 << 20

// Request operations, kernel to worker.
const (
	OpExecute   = "execute"   // run Code as cell ID
	OpInterrupt = "interrupt" // stop the running cell
	OpInput     = "input"     // answer to an EvInput request: Text
	OpRestore   = "restore"   // re-run Chunks (earlier cells' declarations) silently
	OpShutdown  = "shutdown"  // exit cleanly
	// OpInspect asks for the type and a short value of the user's top-level
	// name Text; the worker answers with an EvInspect of the same ID at
	// once, also while a cell runs.
	OpInspect = "inspect"
)

// Request is one kernel-to-worker message.
type Request struct {
	Op              string            `json:"op"`
	ID              string            `json:"id,omitempty"` // the cell: the execute_request's msg_id
	Code            string            `json:"code,omitempty"`
	Count           int               `json:"count,omitempty"` // execution count, for messages that quote In[n]
	AllowStdin      bool              `json:"allow_stdin,omitempty"`
	UserExpressions map[string]string `json:"user_expressions,omitempty"`
	Text            string            `json:"text,omitempty"`
	Chunks          []string          `json:"chunks,omitempty"`
}

// Event kinds, worker to kernel.
const (
	EvReady   = "ready"   // the interpreter is loaded; PID and Hosted set
	EvStream  = "stream"  // Name is "stdout" or "stderr", Text the bytes written
	EvDisplay = "display" // Data is a MIME bundle to show as display_data (Update: update_display_data for DisplayID)
	EvClear   = "clear"   // clear_output of the cell; Wait as in the message
	EvInspect = "inspect" // answer to OpInspect: Text, empty when the name is unknown
	EvInput   = "input"   // the cell reads stdin (its prompt is the output sent before)
	EvStarted = "started" // the worker began running cell ID
	EvDone    = "done"    // the cell finished; see Status
)

// Statuses of an EvDone event, as in execute_reply.
const (
	StatusOK    = "ok"
	StatusError = "error"
)

// Event is one worker-to-kernel message.
type Event struct {
	Ev       string         `json:"ev"`
	ID       string         `json:"id,omitempty"` // the cell the event belongs to
	PID      int            `json:"pid,omitempty"`
	Name     string         `json:"name,omitempty"`
	Text     string         `json:"text,omitempty"`
	Data     map[string]any `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
	// EvDisplay: DisplayID goes to the message's transient display_id;
	// Update makes it an update_display_data. EvClear: Wait.
	DisplayID string `json:"display_id,omitempty"`
	Update    bool   `json:"update,omitempty"`
	Wait      bool   `json:"wait,omitempty"`

	// EvDone of a cell that succeeded: what restores its declarations, and
	// the variables it defined (see engine.Result).
	Replay []string `json:"replay,omitempty"`
	Vars   []string `json:"vars,omitempty"`
	Names  []string `json:"names,omitempty"` // every top-level name it defined
	// Types describes the variables the cell defined, for completion after
	// "x." in the kernel process, which has no live values.
	Types map[string]*outcome.TypeInfo `json:"types,omitempty"`
	// Payload is execute_reply's payload (a "page" for `name?`).
	Payload []map[string]any `json:"payload,omitempty"`
	// Hosted (EvReady) is what the worker offers beyond the standard
	// library — its own packages and magics — for completion in the kernel
	// process, which does not load them.
	Hosted *outcome.Hosted `json:"hosted,omitempty"`
	// Reset asks the supervisor for a fresh worker with nothing restored
	// (%reset); the worker has answered its cell.
	Reset bool `json:"reset,omitempty"`
	// Exit marks the worker's last event: it exits after sending it
	// (os.Exit in a cell).
	Exit bool `json:"exit,omitempty"`

	Status          string                    `json:"status,omitempty"`
	Error           *outcome.Error            `json:"error,omitempty"`
	UserExpressions map[string]map[string]any `json:"user_expressions,omitempty"`
}

// Writer writes frames; it is safe for concurrent use.
type Writer struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write sends v as one frame. The length and body go out in one Write call so
// that a reader never sees half a frame from a writer that is still alive.
func (w *Writer) Write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if len(body) > MaxFrame {
		return fmt.Errorf("ipc: frame of %d bytes exceeds %d", len(body), MaxFrame)
	}
	buf := make([]byte, 4+len(body))
	binary.BigEndian.PutUint32(buf, uint32(len(body)))
	copy(buf[4:], body)
	w.mu.Lock()
	defer w.mu.Unlock()
	_, err = w.w.Write(buf)
	return err
}

// Reader reads frames; one goroutine at a time.
type Reader struct{ r *bufio.Reader }

// NewReader returns a Reader on r.
func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReaderSize(r, 64<<10)} }

// ErrTruncated reports a frame cut short, as when the peer died mid-write.
var ErrTruncated = errors.New("ipc: truncated frame")

// Read decodes the next frame into v. It returns io.EOF at a clean end of
// stream and ErrTruncated when the stream ends inside a frame.
func (r *Reader) Read(v any) error {
	var hdr [4]byte
	if _, err := io.ReadFull(r.r, hdr[:]); err != nil {
		if err == io.ErrUnexpectedEOF {
			return ErrTruncated
		}
		return err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n > MaxFrame {
		return fmt.Errorf("ipc: frame length %d exceeds %d", n, MaxFrame)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r.r, body); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return ErrTruncated
		}
		return err
	}
	return json.Unmarshal(body, v)
}
