package supervisor

// Why a worker died, in the Go runtime's own words, from what it wrote to
// its real stderr (crashLog) and how it exited.

import (
	"bytes"
	"os"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/outcome"
)

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
		e := outcome.Interrupt()
		e.Traceback = append(append(e.Traceback, "("+killed+")"), tail...)
		return e
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
