package engine

// Go's own words for what goes wrong at run time: the messages and values of
// runtime panics as the Go runtime gives them, from what yaegi panics with.
//
// yaegi behaviours answered here:
//   - It runs indexing, slicing and dereferencing with package reflect, so
//     a bad index panics with reflect's words ("reflect: slice index out of
//     range", "reflect: call of reflect.Value.Field on zero Value" for a nil
//     pointer), as a string, not a runtime.Error.
//   - A failed type assertion panics with an error that carries the chunk's
//     position ("5:7: interface conversion: …").
//   - panic(v) panics with the reflect.Value of v, and recover() returns
//     that reflect.Value: r.(error) fails and %T says reflect.Value.
//   - A value of an interpreted type reaches compiled code without its
//     methods, so the engine asks the interpreter for its Error or String
//     (errText, a prelude helper).

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

// runtimeError is a run-time panic in Go's words: it is a runtime.Error, as
// Go's own are (runtime.Error is an interface; any type with RuntimeError
// satisfies it).
type runtimeError struct{ msg string }

func (e runtimeError) Error() string { return e.msg }
func (runtimeError) RuntimeError()   {}

// goWords maps what reflect and yaegi say to what the Go runtime says, for
// run-time panics (Go's messages come from runtime/error.go). Index and
// slice errors lose their values, reflect does not give them: these are
// the expressions the bounds pass (frontend/pass_bounds.go) leaves alone;
// the others panic with Go's error from the engine's checks (bounds.go).
var goWords = []struct {
	re  *regexp.Regexp
	msg string
}{
	{regexp.MustCompile(`^reflect: (slice|array|string) index out of range$`), "runtime error: index out of range"},
	{regexp.MustCompile(`^reflect\.Value\.Slice3?: (string )?slice (index )?out of bounds$`), "runtime error: slice bounds out of range"},
	{regexp.MustCompile(`^reflect: call of reflect\.Value\.\w+ on zero Value$`), "runtime error: invalid memory address or nil pointer dereference"},
	{regexp.MustCompile(`^reflect: call of reflect\.Value\.\w+ on ptr to nil$`), "runtime error: invalid memory address or nil pointer dereference"},
	{regexp.MustCompile(`^(?:\d+:\d+: )(interface conversion: .*)$`), "$1"},
}

// goRuntimeError is v in Go's words when v is a run-time panic that yaegi
// worded its own way, else nil.
func goRuntimeError(v any) error {
	var text string
	switch x := v.(type) {
	case runtimeError:
		return x
	case string:
		text = x
	case error:
		text = x.Error()
	default:
		return nil
	}
	for _, w := range goWords {
		if w.re.MatchString(text) {
			return runtimeError{w.re.ReplaceAllString(text, w.msg)}
		}
	}
	return nil
}

// recovered is the value recover() gives the student for a raw panic value
// (the front-end wraps every recover() in it): the panicked value itself,
// not its reflect.Value, and a run-time panic as a runtime.Error in Go's
// words.
func recovered(v any) any {
	if rv, ok := v.(reflect.Value); ok {
		if !rv.IsValid() {
			return nil
		}
		v = rv.Interface()
	}
	if e := goRuntimeError(v); e != nil {
		return e
	}
	return v
}

// panicText prints a panic value as the Go runtime does: an error by its
// Error method, a Stringer by String, a run-time panic in Go's words, other
// values by %v; values of interpreted types are asked through the
// interpreter.
func (e *Engine) panicText(v any) string {
	if rv, ok := v.(reflect.Value); ok {
		if e.errText.IsValid() && rv.IsValid() {
			if out := e.errText.Call([]reflect.Value{rv}); out[1].Bool() {
				return out[0].String()
			}
		}
		if !rv.IsValid() {
			return "nil"
		}
		v = rv.Interface()
	}
	if err := goRuntimeError(v); err != nil {
		return err.Error()
	}
	return PanicValue(v)
}

// panicLines are the lines Go prints before the stack for a panic with
// message msg: the panic, and for a nil dereference the signal.
func panicLines(msg string) []string {
	lines := []string{"panic: " + msg}
	if strings.HasPrefix(msg, "runtime error: invalid memory address or nil pointer dereference") {
		lines = append(lines, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]")
	}
	return append(lines, "")
}

// errTextName is the prelude helper that gives a value's Error or String.
const errTextName = fmtPkg + "_errtext"

var errTextSrc = `(v any) (string, bool) {
	if e, ok := v.(error); ok {
		return e.Error(), true
	}
	if s, ok := v.(` + fmtPkg + `.Stringer); ok {
		return s.String(), true
	}
	return "", false
}`

var _ = fmt.Sprint
