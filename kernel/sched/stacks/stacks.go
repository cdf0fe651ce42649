// Package stacks reads the goroutine dump the Go runtime prints — the text
// of runtime.Stack(buf, true), which is also what runtime/pprof writes for
// the goroutine profile at debug=2 and what a crash prints — into one record
// per goroutine: its id, its status (Go's wait reason), how long it has
// waited, its labels, its frames and the go statement that created it.
// reasons.go classifies every status the runtime prints, in one table.
//
// Why this format rather than the debug=1 profile (stacks merged by
// program counters, which the kernel read before):
//   - the status between brackets is set by the runtime itself when the
//     goroutine parks, in the words Go prints in its own deadlock report
//     ("goroutine 1 [chan receive]:"); debug=1 has only program counters,
//     from which a wait had to be guessed by the names of runtime functions,
//     which change between releases (sync.Mutex waits in
//     internal/sync.runtime_SemacquireMutex since Go 1.24);
//   - a goroutine that was woken but has not run yet is "runnable" here,
//     while debug=1 still shows the stack it parked with: a check that read
//     debug=1 could call a goroutine on its way out blocked;
//   - every goroutine has its own record with its id, the key the kernel uses
//     for a goroutine elsewhere (a panic's stack, the interpreter's trace),
//     and its "created by" frame.
//
// Labels: since Go 1.26 the header carries the goroutine's pprof labels when
// GODEBUG has tracebacklabels=1 (go.dev/issue/76349); the kernel knows a
// goroutine's cell by them. The setting cannot be given with a //go:debug
// line (the go command rejects it), and left on it would show the kernel's
// labels in every stack a student prints and GODEBUG in their environment.
// All turns it on for the time of its own dump only: it appends
// tracebacklabels=1 to GODEBUG with os.Setenv (the runtime rereads GODEBUG
// when os.Setenv changes it) and puts the old value back. runtime.Stack
// stops the world while it prints, so other code can see the setting only in
// the moments around the dump (a child process started then inherits it;
// WithoutLabels cleans a stack the kernel shows). The Go documentation says
// the label format may change: the tests read real dumps, so a Go release
// that changes it fails them first.
//
// Cost: the world stays stopped for the whole dump, about a few
// microseconds per goroutine (some 40 ms for 10,000 parked goroutines on a
// loaded 2-core machine), where the debug=1 profile stops it briefly and
// collects stacks concurrently, but spends more CPU in all. All uses
// runtime.Stack directly rather than pprof's debug=2 writer, which prints
// the same text but allocates a fresh 1 MiB buffer on every call: the
// deadlock check dumps several times a second while a cell runs.
package stacks

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// Goroutine is one goroutine of a dump.
type Goroutine struct {
	ID int64
	// Status is what the runtime printed between the brackets, without the
	// decorations below: a wait reason ("chan receive", "select", "sleep",
	// "sync.Mutex.Lock", …) or a scheduler state ("running", "runnable",
	// "syscall"). ClassOf tells what it means.
	Status string
	// Wait is how long the goroutine has been waiting, when the runtime
	// says: it prints whole minutes, from one minute on; 0 otherwise.
	Wait   time.Duration
	Locked bool              // locked to its OS thread (runtime.LockOSThread)
	Labels map[string]string // pprof labels; nil when the dump has none
	Frames []Frame           // innermost call first
	Elided bool              // the runtime left out frames of a deep stack
	// CreatedBy is the function whose go statement started the goroutine,
	// at that statement; nil for goroutines the runtime starts itself
	// (goroutine 1, which runs main, among them).
	CreatedBy *Frame
	Creator   int64 // the goroutine that ran that go statement; 0 when not printed
}

// Frame is one call of a stack.
type Frame struct {
	Func string // as the runtime names it: "main.worker", "sync.(*Mutex).Lock", "main.main.func1"
	File string
	Line int
}

// Parse reads a dump. Lines it does not understand are skipped, so that a
// future runtime's additions cost detail, not records.
func Parse(dump []byte) []Goroutine {
	var out []Goroutine
	var cur *Goroutine
	var fn string      // function line waiting for its file:line
	created := false   // fn is a "created by" line
	ancestors := false // past "[originating from goroutine N]:" (GODEBUG=tracebackancestors)
	for len(dump) > 0 {
		var line []byte
		if i := bytes.IndexByte(dump, '\n'); i >= 0 {
			line, dump = dump[:i], dump[i+1:]
		} else {
			line, dump = dump, nil
		}
		if g, ok := parseHeader(line); ok {
			out = append(out, g)
			cur, fn, created, ancestors = &out[len(out)-1], "", false, false
			continue
		}
		if cur == nil || ancestors {
			continue
		}
		switch s := string(line); {
		case s == "":
			cur = nil
		case strings.HasPrefix(s, "\t"):
			if fn == "" {
				continue // "\tgoroutine running on other thread; stack unavailable"
			}
			f := Frame{Func: fn}
			f.File, f.Line = fileLine(s[1:])
			if created {
				cur.CreatedBy = &f
			} else {
				cur.Frames = append(cur.Frames, f)
			}
			fn = ""
		case strings.HasPrefix(s, "created by "):
			name, in, _ := strings.Cut(strings.TrimPrefix(s, "created by "), " in goroutine ")
			fn, created = name, true
			cur.Creator, _ = strconv.ParseInt(in, 10, 64)
		case strings.HasPrefix(s, "...") && strings.HasSuffix(s, "elided..."):
			cur.Elided = true // "...N frames elided...", "...additional frames elided..."
		case strings.HasPrefix(s, "[originating from goroutine "):
			ancestors = true
		default:
			fn, created = funcName(s), false
		}
	}
	return out
}

// parseHeader reads "goroutine 18 [chan receive, 2 minutes, locked to
// thread labels:{"k": "v"}]:". At GOTRACEBACK=system and beyond, crash
// dumps put "gp=0x… m=…" between the id and the bracket.
func parseHeader(line []byte) (Goroutine, bool) {
	s, ok := strings.CutPrefix(string(line), "goroutine ")
	if !ok || !strings.HasSuffix(s, "]:") {
		return Goroutine{}, false
	}
	idText, rest, _ := strings.Cut(s, " ")
	id, err := strconv.ParseInt(idText, 10, 64)
	open := strings.IndexByte(rest, '[')
	if err != nil || open < 0 {
		return Goroutine{}, false
	}
	inner := rest[open+1 : len(rest)-len("]:")]
	g := Goroutine{ID: id}
	// Labels come last, and a label's value may hold any text: cut at the
	// first " labels:{", which no status contains.
	if i := strings.Index(inner, " labels:{"); i >= 0 && strings.HasSuffix(inner, "}") {
		g.Labels = parseLabels(inner[i+len(" labels:{") : len(inner)-1])
		inner = inner[:i]
	}
	parts := strings.Split(inner, ", ")
	g.Status = trimDecorations(parts[0])
	for _, p := range parts[1:] {
		if n, ok := strings.CutSuffix(p, " minutes"); ok {
			if m, err := strconv.Atoi(n); err == nil {
				g.Wait = time.Duration(m) * time.Minute
			}
		} else if p == "locked to thread" {
			g.Locked = true
		}
	}
	return g, true
}

// trimDecorations drops what the runtime appends to a status: " (leaked)",
// " (scan)" (the GC is scanning the stack), and " (durable)" in a synctest
// bubble when the wait reason does not already say it.
func trimDecorations(status string) string {
	for {
		s, ok := strings.CutSuffix(status, " (scan)")
		if !ok {
			s, ok = strings.CutSuffix(status, " (leaked)")
		}
		if !ok && ClassOf(status) == Unknown {
			s, ok = strings.CutSuffix(status, " (durable)")
		}
		if !ok {
			return status
		}
		status = s
	}
}

// parseLabels reads `"k": "v", "k2": "v2"`, quoted as the runtime quotes
// (printquoted: Go escapes, which strconv reads).
func parseLabels(s string) map[string]string {
	m := map[string]string{}
	for s != "" {
		k, err := strconv.QuotedPrefix(s)
		if err != nil {
			break
		}
		s = strings.TrimPrefix(s[len(k):], ": ")
		v, err := strconv.QuotedPrefix(s)
		if err != nil {
			break
		}
		s = strings.TrimPrefix(s[len(v):], ", ")
		ku, err1 := strconv.Unquote(k)
		vu, err2 := strconv.Unquote(v)
		if err1 == nil && err2 == nil {
			m[ku] = vu
		}
	}
	return m
}

// funcName drops the arguments from "sync.(*Mutex).Lock(0xc000012345)" or
// "main.Map[...](...)": the last parenthesised group of the line.
func funcName(s string) string {
	if !strings.HasSuffix(s, ")") {
		return s
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			if depth--; depth == 0 {
				return s[:i]
			}
		}
	}
	return s
}

// fileLine reads "/path/file.go:17 +0x1d", "/path/file.go:17" (an inlined
// call) or "/path/file.go:17 +0x1d fp=0x… sp=0x… pc=0x…".
func fileLine(s string) (string, int) {
	if i := strings.Index(s, " +0x"); i >= 0 {
		s = s[:i]
	} else if i := strings.Index(s, " fp="); i >= 0 {
		s = s[:i]
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return s, 0
	}
	return s[:i], n
}
