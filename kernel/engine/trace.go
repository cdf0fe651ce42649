package engine

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
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
// leaves, innermost first, the position being that of the first node of
// f's body in the chunk that compiled f (not of the statement at fault),
// and every function literal named "main.f.func". Nothing else tells which
// interpreted code a goroutine was running, so the engine keeps those lines
// — per goroutine, off the student's stderr — and reads them with the
// site tables of the front-end (frontend.Sites): the position names the
// function (the declaration or literal whose body holds it), Go's name for
// it, and the line is the place in it that can raise this panic, for the
// innermost frame, or that calls the frame inside it, for the others.
// Function literals the kernel wrapped around the student's code (a loop
// body run in a frame of its own) are left out.
type tracer struct {
	w io.Writer // the student's stderr, for everything that is not a trace

	mu     sync.Mutex
	traces map[int64][]string       // goroutine id -> raw trace lines, innermost first
	chunks map[string][]chunkOrigin // yaegi's top-level name (f, M, _gk_cell1_2) -> where it was compiled
	cell   *frontend.Cell           // the cell being compiled
}

type chunkOrigin struct {
	src   string              // the chunk, with its line table
	cell  string              // "In[n]", "" when unknown
	sites *frontend.FuncSites // the function's table; nil when unknown
}

// maxFrames is how many frames of a goroutine's trace are kept, as Go
// prints at most 100.
const maxFrames = 100

var traceRE = regexp.MustCompile(`^(?:[^\s:]*[^\s\d:][^\s:]*:)?(\d+)(?::\d+)?: panic: (.*)\(\.\.\.\)\n?$`)

func newTracer(w io.Writer) *tracer {
	return &tracer{w: w, traces: map[int64][]string{}, chunks: map[string][]chunkOrigin{}}
}

func (t *tracer) Write(p []byte) (int, error) {
	if !traceRE.Match(p) {
		return t.w.Write(p)
	}
	id := goid()
	t.mu.Lock()
	if len(t.traces[id]) < maxFrames {
		t.traces[id] = append(t.traces[id], string(p))
	}
	t.mu.Unlock()
	return len(p), nil
}

// compiling sets the cell whose chunks are compiled next.
func (t *tracer) compiling(c *frontend.Cell) {
	t.mu.Lock()
	t.cell = c
	t.mu.Unlock()
}

// compiled records the top-level funcs and methods a chunk declares, with
// their site tables.
func (t *tracer) compiled(src string, tr *sched.Tracker) {
	cell := ""
	if c := tr.Current(); c != nil {
		cell = c.String()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var sites *frontend.Sites
	if t.cell != nil {
		sites = t.cell.Sites
	}
	for _, l := range strings.Split(src, "\n") {
		name, ok := strings.CutPrefix(l, "func ")
		if !ok {
			continue
		}
		if strings.HasPrefix(name, "(") { // a method: func (r T) M(
			depth := 0
			for i, ch := range name {
				if ch == '(' {
					depth++
				} else if ch == ')' {
					if depth--; depth == 0 {
						name = strings.TrimSpace(name[i+1:])
						break
					}
				}
			}
		}
		i := strings.IndexAny(name, "([ ")
		if i <= 0 {
			continue
		}
		name = name[:i]
		o := chunkOrigin{src: src, cell: cell}
		var found []chunkOrigin
		if sites != nil {
			if strings.HasPrefix(name, cellFunc) && sites.Body != nil {
				o.sites = sites.Body
				found = append(found, o)
			}
			for _, fs := range sites.Funcs { // methods of several types may share the name
				if fs.Decl == name {
					o.sites = fs
					found = append(found, o)
				}
			}
		}
		if len(found) == 0 {
			found = append(found, o)
		}
		t.chunks[name] = append(t.chunks[name], found...)
	}
}

// frame is one function of a trace.
type frame struct {
	yaegi string // yaegi's name, "main.f.func"
	o     chunkOrigin
	fs    *frontend.FuncSites // the student's function it ran; nil when unknown
	line  int                 // cell line of yaegi's position; 0 if unknown
}

// Stack takes the trace of goroutine id (0: the calling goroutine) and
// returns it as Go prints a stack, in cell lines, for a panic with Go's
// message msg:
//
//	main.worker(...)
//		In[3]:5
func (t *tracer) Stack(id int64, msg string) []string {
	if id == 0 {
		id = goid()
	}
	t.mu.Lock()
	raw := t.traces[id]
	delete(t.traces, id)
	t.mu.Unlock()
	var frames []frame
	for _, l := range raw {
		m := traceRE.FindStringSubmatch(l)
		fn := strings.TrimPrefix(m[2], "main.")
		if fn == "main" {
			continue // the chunk's own top-level statement: the kernel's call
		}
		top, _, _ := strings.Cut(fn, ".")
		chunkLine, _ := strconv.Atoi(m[1])
		f := frame{yaegi: m[2]}
		t.mu.Lock()
		origins := t.chunks[top]
		t.mu.Unlock()
		for i := len(origins) - 1; i >= 0; i-- { // the latest definition that holds the line
			o := origins[i]
			n := frontend.CellLine(frontend.ChunkLine(o.src, chunkLine))
			if i == len(origins)-1 || o.sites != nil && n >= o.sites.Start && n <= o.sites.End {
				f.o, f.line = o, n
				if o.sites == nil || n >= o.sites.Start && n <= o.sites.End {
					break
				}
			}
		}
		if f.o.sites != nil {
			f.fs = f.o.sites
			if strings.Contains(fn, ".func") && f.line > 0 {
				f.fs = f.o.sites.Lit(f.line)
			}
		}
		if n := len(frames); n > 0 && f.fs != nil && frames[n-1].fs == f.fs && frames[n-1].yaegi != f.yaegi {
			continue // a function literal the kernel wrapped around the student's code
		}
		frames = append(frames, f)
	}
	// A failed bounds check (bounds.go) recorded its own line: exact where
	// the site table can only name the function's last index or slice.
	checked := boundsLineFor(id, msg)
	var out []string
	for i, f := range frames {
		name := "main." + strings.TrimPrefix(f.yaegi, "main.")
		if f.fs != nil {
			name = f.fs.Name
		} else if top, _, _ := strings.Cut(strings.TrimPrefix(f.yaegi, "main."), "."); strings.HasPrefix(top, cellFunc) || top == frontend.MainName {
			name = "main.main" + strings.TrimPrefix(strings.TrimPrefix(f.yaegi, "main."), top)
		}
		line := f.line
		if f.fs != nil {
			var l int
			if i == 0 {
				l = f.fs.Line(panicSite(msg))
				if checked >= f.fs.Start && checked <= f.fs.End && f.fs.Lit(checked) == f.fs {
					l = checked
				}
			} else {
				l = callLine(f.fs, frames[i-1].fs)
			}
			if l > 0 {
				line = l
			}
		}
		where := "?"
		switch {
		case line > 0 && f.o.cell != "":
			where = fmt.Sprintf("%s:%d", f.o.cell, line)
		case line > 0:
			where = fmt.Sprintf("line %d", line)
		case f.o.cell != "":
			where = f.o.cell
		}
		out = append(out, name+"(...)", "\t"+where)
	}
	return out
}

// panicSite is which sites can raise a panic with Go's message msg.
func panicSite(msg string) func(frontend.Site) bool {
	kind := func(k frontend.SiteKind) func(frontend.Site) bool {
		return func(s frontend.Site) bool { return s.Kind == k }
	}
	calls := func(names ...string) func(frontend.Site) bool {
		return func(s frontend.Site) bool { return s.Kind == frontend.SiteCall && slices.Contains(names, s.Name) }
	}
	switch {
	case strings.HasPrefix(msg, "runtime error: index out of range"):
		return kind(frontend.SiteIndex)
	case strings.HasPrefix(msg, "runtime error: slice bounds out of range"):
		return kind(frontend.SiteSlice)
	case msg == "assignment to entry in nil map":
		return kind(frontend.SiteMapAssign)
	case msg == "runtime error: integer divide by zero":
		return kind(frontend.SiteDivide)
	case strings.HasPrefix(msg, "runtime error: invalid memory address"):
		return kind(frontend.SiteDeref)
	case strings.HasPrefix(msg, "interface conversion:"):
		return kind(frontend.SiteAssert)
	case strings.HasPrefix(msg, "close of "):
		return kind(frontend.SiteClose)
	case msg == "send on closed channel":
		return kind(frontend.SiteSend)
	case msg == "sync: negative WaitGroup counter":
		return calls("Add", "Done")
	case strings.HasPrefix(msg, "sync: ") && strings.Contains(msg, "nlock of unlocked"):
		return calls("Unlock", "RUnlock")
	}
	return func(s frontend.Site) bool { return s.Kind == frontend.SitePanic }
}

// callLine is the line of fs that calls callee: the call by its declared
// name, else a call of a literal, else the first call.
func callLine(fs, callee *frontend.FuncSites) int {
	if callee != nil && callee.Decl != "" {
		if l := fs.Line(func(s frontend.Site) bool { return s.Kind == frontend.SiteCall && s.Name == callee.Decl }); l > 0 {
			return l
		}
	}
	if callee != nil && callee.Decl == "" {
		if l := fs.Line(func(s frontend.Site) bool { return s.Kind == frontend.SiteCall && s.Name == "" }); l > 0 {
			return l
		}
	}
	return fs.Line(func(s frontend.Site) bool { return s.Kind == frontend.SiteCall })
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
func (e *Engine) PanicStack(id int64, msg string) []string { return e.trace.Stack(id, msg) }
