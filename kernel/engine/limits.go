package engine

// Failures of the interpreter itself, told apart from the student's.
//
// yaegi behaviours answered: on some valid Go, yaegi v0.16.1 fails in its
// own code — at run time with a panic of package reflect that its own
// calls raise ("reflect.Set: value of type map[string]int is not
// assignable to type interp.valueInterface" for `var g Getter =
// Store{"a": 1}`, a map type with a method stored in an interface of the
// cell), at compile time with "CFG post-order panic: …", "undefined type
// for E" or "incomplete type T" on code the kernel's type checker accepted.
// Printed as the student's panic ("panic: reflect.Set…", exit status 2) or
// as a compile error, either reads as the student's mistake. The cell
// fails instead with ename InterpreterLimitation and
//
//	gokernel could not run this (interpreter limitation): <yaegi's message>
//
// at the cell's position (In[n]:LINE:COL at run time: the innermost frame
// of the cell's code that the trace knows, its line's first column; a
// compile error's own line and column). The session goes on: nothing is
// left half-defined that a run-time panic would not leave too.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
)

// LimitationName is the ename of an interpreter failure.
const LimitationName = "InterpreterLimitation"

// limitationPrefix begins the message of an interpreter failure.
const limitationPrefix = "gokernel could not run this (interpreter limitation): "

// internalPanicRE are the messages of panics that package reflect raises
// for yaegi's own calls: a value of the wrong representation, never a
// mistake of the student's program (the reflect messages a student's bad
// index or nil pointer causes are goWords').
var internalPanicRE = regexp.MustCompile(`^(?:\d+:\d+: )?(?:reflect\.Set: value of type .* is not assignable to type |reflect: Call using .* as type |reflect\.Value\.Convert: value of type .* cannot be converted to type |reflect: Call with too (?:few|many) input arguments|reflect: .*interp\.valueInterface|reflect: StructOf does not support )`)

// internalCompileRE are yaegi's compile errors that name its own failure.
var internalCompileRE = regexp.MustCompile(`CFG post-order panic: |undefined type for |incomplete type `)

// internalPanic reports whether v, a panic's value, is yaegi's own failure:
// a message of internalPanicRE raised by package reflect for the
// interpreter's code (stack, the panicking goroutine's, shows reflect
// called by yaegi's interp package, not a reflect.Value.Call of the
// student's own use of reflect).
func internalPanic(v any, stack []byte) (string, bool) {
	var msg string
	switch x := v.(type) {
	case string:
		msg = x
	case error:
		msg = x.Error()
	default:
		return "", false
	}
	if !internalPanicRE.MatchString(msg) {
		return "", false
	}
	if len(stack) > 0 && !reflectCalledByYaegi(string(stack)) {
		return "", false
	}
	return strings.TrimSpace(chunkPosRE.ReplaceAllString(msg, "$1")), true
}

// reflectCalledByYaegi reports whether, in a goroutine dump taken in a
// panic, the frames below panic's are package reflect's and then yaegi's
// interp package, with no reflect.Value.Call in between (that is a call of
// a compiled function, the student's reflect.Value.Set included).
func reflectCalledByYaegi(stack string) bool {
	lines := strings.Split(stack, "\n")
	i := 0
	for ; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "panic(") {
			break
		}
	}
	for i++; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "\t") || l == "" {
			continue
		}
		switch {
		case strings.HasPrefix(l, "reflect.Value.Call(") || strings.HasPrefix(l, "reflect.Value.call("):
			return false
		case strings.HasPrefix(l, "reflect."):
			continue
		case strings.HasPrefix(l, "github.com/traefik/yaegi/interp."):
			return true
		default:
			return false
		}
	}
	return false
}

// limitation is an interpreter failure at run time with yaegi's message
// msg in goroutine id, positioned at the innermost frame of the cell's
// code the trace knows.
func (e *Engine) limitation(msg string, id int64) *outcome.Error {
	// A statement at the cell's top level has no frame of its own: yaegi's
	// trace line for the chunk ("L:C: panic: main(...)") has its line.
	where := ""
	if l := e.trace.topLine(id); l > 0 {
		if n := frontend.CellLine(frontend.ChunkLine(e.chunk, l)); n > 0 {
			where = e.withColumn(fmt.Sprintf("%s:%d", e.cellName(), n))
		}
	}
	for _, l := range e.trace.Stack(id, msg) {
		if where != "" {
			break
		}
		if s, ok := strings.CutPrefix(l, "\t"); ok && s != "?" {
			where = e.withColumn(s)
			break
		}
	}
	if where == "" {
		where = e.cellName()
	}
	text := limitationPrefix + msg
	return &outcome.Error{Name: LimitationName, Value: text, Traceback: []string{where + ": " + text}}
}

// withColumn adds to "In[n]:LINE" the column of the line's first
// character, when the line is the current cell's.
func (e *Engine) withColumn(where string) string {
	cell, line, ok := strings.Cut(where, ":")
	if !ok || e.cell == nil || cell != e.cellName() {
		return where
	}
	n, err := strconv.Atoi(line)
	lines := strings.Split(e.cell.Src, "\n")
	if err != nil || n < 1 || n > len(lines) {
		return where
	}
	col := len(lines[n-1]) - len(strings.TrimLeft(lines[n-1], " \t")) + 1
	return fmt.Sprintf("%s:%d", where, col)
}

// cellName is the current cell as positions name it ("In[3]"), or "cell".
func (e *Engine) cellName() string {
	if c := e.tracker.Current(); c != nil {
		return c.String()
	}
	return "cell"
}

// compileLimitation is fe, a compile error of yaegi's own failure in a cell
// the type checker accepted, as an interpreter failure; nil otherwise.
func (e *Engine) compileLimitation(fe *frontend.Error, code string) *outcome.Error {
	if e.cell == nil || !internalCompileRE.MatchString(fe.Msg) || !e.cell.TypeChecked() {
		return nil
	}
	text := limitationPrefix + strings.TrimSpace(fe.Msg)
	where := e.cellName()
	if fe.Line > 0 {
		where = fmt.Sprintf("%s:%d", where, fe.Line)
		if fe.Col > 0 {
			where = fmt.Sprintf("%s:%d", where, fe.Col)
		}
	}
	tb := append([]string{where + ": " + text}, fe.Traceback(code)[1:]...)
	return &outcome.Error{Name: LimitationName, Value: text, Traceback: tb}
}

// topLine is the chunk line of goroutine id's innermost trace line when
// that is the chunk's own top level (main), else 0.
func (t *tracer) topLine(id int64) int {
	if id == 0 {
		id = goid()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	raw := t.traces[id]
	if len(raw) == 0 {
		return 0
	}
	m := traceRE.FindStringSubmatch(raw[0])
	if m == nil || m[2] != "main" {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
