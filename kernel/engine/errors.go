package engine

// Failures as outcome.Error, in the words `go run` and the go command use:
// syntax and compile errors at the cell's own line and column, panics with
// their interpreted stack (trace.go), exits as "exit status N", interrupts
// as "signal: interrupt".
//
// yaegi behaviours answered here:
//   - It reports positions relative to the chunk it was given, not to the
//     cell; cellPositions maps them back through the chunk's line table.
//   - A panic reaches the caller as interp.Panic whatever the goroutine's
//     frames; os.Exit in a cell is a panic with exitCode (host.go).
//   - It says "nil type" with no position for a range it cannot type.
//   - It fails in its own code on some valid Go (limits.go).

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/traefik/yaegi/interp"
)

// toError turns an interpreter or front-end error into the shape of an
// execute_reply error:
//
//	Name       "syntax error", "compile error", "unsupported", "panic",
//	           "exit" (os.Exit or log.Fatal with a non-zero code), "interrupt",
//	           LimitationName (the interpreter's own failure: limits.go)
//	Value      the first message, e.g. "cell:3:5: undefined: x"
//	Traceback  that message, the cell's source line, a caret line
func (e *Engine) toError(err error, code, kind string) *outcome.Error {
	var p interp.Panic
	if errors.As(err, &p) {
		if _, ok := p.Value.(sched.Interrupted); ok {
			return outcome.Interrupt()
		}
		if c, ok := p.Value.(exitCode); ok {
			if c == 0 {
				return nil
			}
			msg := fmt.Sprintf("exit status %d", int(c))
			return outcome.Simple("exit", msg)
		}
		if msg, ok := internalPanic(p.Value, p.Stack); ok {
			return e.limitation(msg, GoroutineID(p.Stack))
		}
		return e.panicError(p.Value, "goroutine 1 [running]:", GoroutineID(p.Stack))
	}
	if errors.Is(err, context.Canceled) {
		return outcome.Interrupt()
	}
	var fe *frontend.Error
	if !errors.As(err, &fe) {
		fe = frontend.FromInterpreter(err.Error(), kind)
		fe.FindColumn(code)
		if w := e.inGoWords(fe, kind); w != nil {
			fe = w
		}
		if l := e.compileLimitation(fe, code); l != nil {
			return l
		}
		if fe.Msg == "nil type" {
			fe.Msg = "nil type (yaegi could not type a range expression: range over an integer or a function, a Go 1.23 iterator, in a cell the kernel's type checker could not type)"
		}
	}
	return cellError(fe, code)
}

// cellError is an error positioned in the cell: its message, then the
// cell's line and a caret under the column.
func cellError(fe *frontend.Error, code string) *outcome.Error {
	return &outcome.Error{Name: fe.Kind, Value: fe.Error(), Traceback: fe.Traceback(code)}
}

// PanicValue prints a panic value the way the Go runtime does: an error by its
// Error method, a Stringer by String, other values by %v.
func PanicValue(v any) string {
	switch x := v.(type) {
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	case string:
		return x
	}
	return fmt.Sprintf("%v", v)
}

// chunkPosRE is a position yaegi prints for code of a chunk: "L:C: " or
// "L: " (its default file name is left out), or "_.go:L:C: ".
var chunkPosRE = regexp.MustCompile(`(^|\s|: )(?:_\.go:)?(\d+)(:\d+)?: `)

// cellPositions rewrites the chunk positions in a compile error as "cell:L"
// positions of the synthetic cell file, which frontend errors understand.
// Line 1 of a chunk as yaegi sees it is the chunk's first line behind the
// "package main;" yaegi puts in front. The column is the printed chunk's,
// not the cell's: it is left out, and the error finds it on the cell's line
// (FindColumn). A position on a line the kernel made up is left out too.
func cellPositions(err error, src string) error {
	if err == nil {
		return nil
	}
	var p interp.Panic
	if errors.As(err, &p) || errors.Is(err, context.Canceled) || !strings.Contains(src, frontend.LineTable) {
		return err
	}
	msg := chunkPosRE.ReplaceAllStringFunc(err.Error(), func(m string) string {
		sub := chunkPosRE.FindStringSubmatch(m)
		l, _ := strconv.Atoi(sub[2])
		if n := frontend.ChunkLine(src, l); n > 0 {
			return fmt.Sprintf("%scell:%d: ", sub[1], n)
		}
		return sub[1]
	})
	return errors.New(msg)
}

// GoroutinePanic is the error of a panic that ended a goroutine (stack is
// the goroutine's, as debug.Stack prints it), as Go prints it when the
// program dies of it.
func (e *Engine) GoroutinePanic(v any, stack []byte) *outcome.Error {
	head, _, _ := strings.Cut(string(stack), "\n") // "goroutine 42 [running]:"
	if msg, ok := internalPanic(v, stack); ok {
		return e.limitation(msg, GoroutineID(stack))
	}
	return e.panicError(v, head, GoroutineID(stack))
}

// panicError is a panic with value v in goroutine id (head is its header
// line, "goroutine N [running]:") as Go prints it: the message, the stack
// in cell lines, the exit status of a program that dies of it. A fatal
// error (fatalError) reads "fatal error: …".
func (e *Engine) panicError(v any, head string, id int64) *outcome.Error {
	if f, ok := v.(fatalError); ok {
		tb := append([]string{"fatal error: " + string(f), "", head}, e.trace.Stack(id, string(f))...)
		return &outcome.Error{Name: "fatal error", Value: string(f), Traceback: append(tb, "exit status 2")}
	}
	msg := e.panicText(v)
	tb := append(append(panicLines(msg), head), e.trace.Stack(id, msg)...)
	return &outcome.Error{Name: "panic", Value: msg, Traceback: append(tb, "exit status 2")}
}
