package engine

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/sched"
)

// A panic's stack in the cell's terms.
//
// yaegi behaviour answered: when a panic unwinds an interpreted function,
// yaegi writes "L:C: panic: main.f(...)" to its stderr for each function it
// leaves, the position being that of the node at fault in the chunk that
// compiled f. Nothing else tells which interpreted code a goroutine was
// running, so the engine keeps those lines — per goroutine, off the
// student's stderr — and maps them back to cells: chunks declares which
// chunk (and which cell, In[n]) each top-level func came from.
type tracer struct {
	w io.Writer // the student's stderr, for everything that is not a trace

	mu     sync.Mutex
	traces map[int64][]string     // goroutine id -> raw trace lines, oldest first
	chunks map[string]chunkOrigin // top-level func name -> where it was compiled
}

type chunkOrigin struct {
	src  string // the chunk, with its line table
	cell string // "In[n]", "" when unknown
}

var traceRE = regexp.MustCompile(`^(?:[^\s:]*[^\s\d:][^\s:]*:)?(\d+)(?::\d+)?: panic: (.*)\(\.\.\.\)\n?$`)

func newTracer(w io.Writer) *tracer {
	return &tracer{w: w, traces: map[int64][]string{}, chunks: map[string]chunkOrigin{}}
}

func (t *tracer) Write(p []byte) (int, error) {
	if !traceRE.Match(p) {
		return t.w.Write(p)
	}
	id := goid()
	t.mu.Lock()
	if len(t.traces[id]) < 64 {
		t.traces[id] = append(t.traces[id], string(p))
	}
	t.mu.Unlock()
	return len(p), nil
}

// compiled records the top-level funcs a chunk declares.
func (t *tracer) compiled(src string, tr *sched.Tracker) {
	cell := ""
	if c := tr.Current(); c != nil {
		cell = c.String()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range strings.Split(src, "\n") {
		if name, ok := strings.CutPrefix(l, "func "); ok && !strings.HasPrefix(name, "(") {
			if i := strings.IndexAny(name, "([ "); i > 0 {
				t.chunks[name[:i]] = chunkOrigin{src: src, cell: cell}
			}
		}
	}
}

// Stack takes the trace of goroutine id (0: the calling goroutine) and
// returns it as Go prints a stack, in cell lines:
//
//	main.worker(...)
//		In[3]:5
func (t *tracer) Stack(id int64) []string {
	if id == 0 {
		id = goid()
	}
	t.mu.Lock()
	raw := t.traces[id]
	delete(t.traces, id)
	t.mu.Unlock()
	var out []string
	for _, l := range raw {
		m := traceRE.FindStringSubmatch(l)
		fn := strings.TrimPrefix(m[2], "main.")
		if fn == "main" {
			continue // the chunk's own top-level statement: the kernel's call
		}
		top, _, _ := strings.Cut(fn, ".")
		line, _ := strconv.Atoi(m[1])
		where := "?"
		t.mu.Lock()
		origin, ok := t.chunks[top]
		t.mu.Unlock()
		if ok {
			n := frontend.CellLine(frontend.ChunkLine(origin.src, line))
			switch {
			case n > 0 && origin.cell != "":
				where = fmt.Sprintf("%s:%d", origin.cell, n)
			case n > 0:
				where = fmt.Sprintf("line %d", n)
			case origin.cell != "":
				where = origin.cell
			}
		}
		if strings.HasPrefix(top, cellFunc) { // a cell's statements run like main's
			fn = "main" + strings.TrimPrefix(fn, top)
		}
		frame := []string{"main." + fn + "(...)", "\t" + where}
		if n := len(out); n >= 2 && out[n-2] == frame[0] && out[n-1] == frame[1] {
			continue // a closure the kernel wrapped around the student's
		}
		out = append(out, frame...)
	}
	return out
}

// goid is the calling goroutine's id, from its stack header. Only panics
// pay for it.
func goid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	f := bytes.Fields(buf[:n])
	if len(f) < 2 {
		return 0
	}
	id, _ := strconv.ParseInt(string(f[1]), 10, 64)
	return id
}

// GoroutineID is the id in a stack dump's first line ("goroutine 42 [...]").
func GoroutineID(stack []byte) int64 {
	f := bytes.Fields(stack)
	if len(f) < 2 {
		return 0
	}
	id, _ := strconv.ParseInt(string(f[1]), 10, 64)
	return id
}

// PanicStack is the interpreted stack of the goroutine with that id at its
// last panic, in cell lines, as Go prints a stack ("main.f(...)", "\tIn[3]:5").
func (e *Engine) PanicStack(id int64) []string { return e.trace.Stack(id) }
