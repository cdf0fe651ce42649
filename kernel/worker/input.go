package worker

import (
	"errors"
	"sync"

	"github.com/gokernel/gokernel/kernel/ipc"
)

// input is the cells' os.Stdin (and what fmt.Scan reads). When a cell reads
// and nothing is buffered, it asks the kernel for a line — the kernel sends
// the frontend an input_request — and blocks until the answer comes or the
// cell is interrupted. A cell whose frontend does not accept input
// (allow_stdin false, as nbconvert runs) gets errNoStdin instead of hanging.
type input struct {
	w       *worker
	mu      sync.Mutex
	buf     []byte
	replies chan string
}

var errNoStdin = errors.New("stdin is not available: this frontend does not accept input (allow_stdin is false)")

func (in *input) Read(p []byte) (int, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.buf) == 0 {
		req := in.w.running()
		if req == nil || !req.AllowStdin {
			return 0, errNoStdin
		}
		in.w.out.Flush() // the prompt the cell printed goes first
		select {         // an answer to an earlier, interrupted request
		case <-in.replies:
		default:
		}
		t := in.w.tracker
		t.Hold() // waiting for a person is not a deadlock
		defer t.Release()
		in.w.events.Write(&ipc.Event{Ev: ipc.EvInput, ID: req.ID})
		select {
		case line := <-in.replies:
			in.buf = append(in.buf, line...)
			in.buf = append(in.buf, '\n')
		case <-t.Done():
			t.Interrupt()
		}
	}
	n := copy(p, in.buf)
	in.buf = in.buf[n:]
	return n, nil
}

// reply delivers the frontend's answer to a waiting Read.
func (in *input) reply(text string) {
	select {
	case in.replies <- text:
	default: // nobody is waiting any more (the cell was interrupted)
	}
}
