package timeline

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Profiler labels of other goroutines have no API: the execution trace
// does not carry them, and the goroutine profile groups goroutines by stack
// without their IDs. The one place the runtime shows them by goroutine ID
// is a traceback of all goroutines (runtime.Stack(buf, true)) with
// GODEBUG=tracebacklabels=1, which prints each goroutine's labels in its
// header line:
//
//	goroutine 20 [chan receive labels:{"gokernel.cell": "ab12", "gokernel.count": "3"}]:
//
// snapshotGoroutines turns that setting on for the length of one
// runtime.Stack call when the process does not already run with it (the
// runtime re-reads GODEBUG when os.Setenv changes it), then puts GODEBUG
// back. A traceback that another goroutine prints at that very moment (a
// crash, debug.Stack) shows labels too; nothing else changes. A kernel that
// sets tracebacklabels=1 itself (GODEBUG, or //go:debug in its main package)
// avoids even that.

// snap is what a full traceback says of one goroutine.
type snap struct {
	labels  map[string]string
	status  string // wait reason: "chan receive", "sync.Mutex.Lock", "running", …
	entry   string // outermost function on its stack
	created Frame  // "created by" site, Func "" if none
	parent  int64
}

type snapshot map[int64]snap

var godebugMu sync.Mutex

func snapshotGoroutines() snapshot {
	godebugMu.Lock()
	old, had := os.LookupEnv("GODEBUG")
	if !strings.Contains(","+old+",", ",tracebacklabels=1,") {
		v := "tracebacklabels=1"
		if old != "" {
			v = old + "," + v
		}
		os.Setenv("GODEBUG", v)
		defer func() {
			if had {
				os.Setenv("GODEBUG", old)
			} else {
				os.Unsetenv("GODEBUG")
			}
		}()
	}
	defer godebugMu.Unlock()
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return parseTraceback(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parseTraceback reads the goroutines of a runtime.Stack(buf, true).
func parseTraceback(b []byte) snapshot {
	out := snapshot{}
	for _, block := range bytes.Split(b, []byte("\n\n")) {
		lines := strings.Split(strings.TrimSpace(string(block)), "\n")
		if len(lines) == 0 || !strings.HasPrefix(lines[0], "goroutine ") {
			continue
		}
		head := lines[0]
		rest := head[len("goroutine "):]
		sp := strings.IndexByte(rest, ' ')
		if sp < 0 {
			continue
		}
		id, err := strconv.ParseInt(rest[:sp], 10, 64)
		if err != nil {
			continue
		}
		var s snap
		status := head
		if i := strings.Index(head, " labels:{"); i >= 0 {
			s.labels = parseLabels(strings.TrimSuffix(strings.TrimSuffix(head[i+len(" labels:{"):], "]:"), "}"))
			status = head[:i]
		}
		if i := strings.IndexByte(status, '['); i >= 0 {
			status = strings.TrimSuffix(status[i+1:], "]:")
			status, _, _ = strings.Cut(status, ", ") // ", 5 minutes", ", locked to thread"
			s.status = status
		}
		// frames: "func(args)" then "\tfile:line +0x…"; last "created by F in goroutine N" then its file:line
		for i := 1; i+1 < len(lines); i += 2 {
			fn, loc := lines[i], strings.TrimSpace(lines[i+1])
			if c, ok := strings.CutPrefix(fn, "created by "); ok {
				name, gor, _ := strings.Cut(c, " in goroutine ")
				s.created = Frame{Func: name}
				s.created.File, s.created.Line = fileLine(loc)
				s.parent, _ = strconv.ParseInt(gor, 10, 64)
				break
			}
			if j := strings.LastIndexByte(fn, '('); j > 0 {
				fn = fn[:j]
			}
			s.entry = fn
		}
		out[id] = s
	}
	return out
}

// fileLine splits "/path/file.go:12 +0x1f".
func fileLine(loc string) (string, int) {
	if i := strings.LastIndex(loc, " +0x"); i >= 0 {
		loc = loc[:i]
	}
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return loc, 0
	}
	n, _ := strconv.Atoi(loc[i+1:])
	return loc[:i], n
}

// parseLabels reads `"k": "v", "k2": "v2"` (Go-quoted strings).
func parseLabels(s string) map[string]string {
	m := map[string]string{}
	for s != "" {
		k, rest, ok := cutQuoted(s)
		if !ok {
			break
		}
		rest = strings.TrimPrefix(rest, ": ")
		v, rest, ok := cutQuoted(rest)
		if !ok {
			break
		}
		m[k] = v
		s = strings.TrimPrefix(rest, ", ")
	}
	return m
}

func cutQuoted(s string) (string, string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			v, err := strconv.Unquote(s[:i+1])
			if err != nil {
				return "", s, false
			}
			return v, s[i+1:], true
		}
	}
	return "", s, false
}

// fromSnapshots completes g from the tracebacks taken around f: labels as
// they were at the end, and entry function and creation site for a
// goroutine older than the trace.
func (b *builder) fromSnapshots(g *Goroutine) {
	for _, sn := range []snapshot{b.before, b.after} {
		s, ok := sn[g.ID]
		if !ok {
			continue
		}
		g.Labels = s.labels // the later traceback wins
		if g.Func == "" {
			g.Func = s.entry
		}
		if g.Created == nil && s.created.Func != "" {
			g.Created = []Frame{s.created}
			g.Parent = s.parent
		}
	}
}
