// Package engine runs cells in a yaegi interpreter: it is the interpreter step
// of a cell's life, after the front-end has prepared the source and before the
// worker ships the result to the kernel.
//
// Contract: Execute never panics and never lets a panic in the cell's own
// goroutine escape; it returns when the cell ends or its context is cancelled.
// Output goes to the *os.File pipes given in Options, so that fmt.Print*,
// println, log and os.Stdout/os.Stderr writes in the cell all land there (yaegi
// rebinds os.Stdout for interpreted code only when Options.Stdout is an
// *os.File).
//
// yaegi (github.com/traefik/yaegi) is used because it is the maintained Go
// interpreter with the full standard library; its gaps are answered here or in
// the front-end, each next to the behaviour it works around.
package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Options are the streams a cell sees.
type Options struct {
	Stdin          *os.File
	Stdout, Stderr *os.File
}

// Engine is one interpreter and the state cells build up in it.
type Engine struct {
	in *interp.Interpreter
}

// New loads an interpreter with the standard library.
func New(o Options) (*Engine, error) {
	in := interp.New(interp.Options{Stdin: o.Stdin, Stdout: o.Stdout, Stderr: o.Stderr})
	if err := in.Use(stdlib.Symbols); err != nil {
		return nil, fmt.Errorf("engine: loading the standard library: %w", err)
	}
	return &Engine{in: in}, nil
}

// Result is what a cell produced: a value to show, or an error.
type Result struct {
	Data map[string]any // MIME bundle of the trailing expression; nil when none
	Err  *ipc.Error
}

// Execute runs one cell.
func (e *Engine) Execute(ctx context.Context, code string) Result {
	show := trailingValue(code)
	v, err := e.eval(ctx, code)
	if err != nil {
		return Result{Err: toError(err)}
	}
	if !show || !v.IsValid() {
		return Result{}
	}
	return Result{Data: map[string]any{"text/plain": FormatValue(v)}}
}

// eval is EvalWithContext with a recover: yaegi can panic in its compiler on
// some malformed programs, outside the goroutine EvalWithContext protects.
func (e *Engine) eval(ctx context.Context, src string) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal interpreter error: %v", r)
		}
	}()
	return e.in.EvalWithContext(ctx, src)
}

// trailingValue reports whether the cell ends in an expression whose value a
// notebook should show. A call to a printing function is not shown: its
// (n, err) results are noise to a student.
func trailingValue(code string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+code+"\n}", 0)
	if err != nil || len(f.Decls) == 0 {
		return false
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	if body == nil || len(body.List) == 0 {
		return false
	}
	es, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	if call, ok := es.X.(*ast.CallExpr); ok {
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			return fn.Name != "print" && fn.Name != "println" && fn.Name != "panic"
		case *ast.SelectorExpr:
			if pkg, ok := fn.X.(*ast.Ident); ok {
				switch pkg.Name {
				case "fmt":
					return !strings.HasPrefix(fn.Sel.Name, "Print") && !strings.HasPrefix(fn.Sel.Name, "Fprint")
				case "log":
					return false
				}
			}
		}
	}
	return true
}

// FormatValue renders a value as text/plain: strings quoted, so that "42" and
// 42 look different, everything else as fmt's %v.
func FormatValue(v reflect.Value) string {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.CanInterface() {
		return v.String()
	}
	x := v.Interface()
	if s, ok := x.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%v", x)
}

// toError turns an interpreter error into the shape of an execute_reply error.
func toError(err error) *ipc.Error {
	var p interp.Panic
	if errors.As(err, &p) {
		msg := "panic: " + PanicValue(p.Value)
		return &ipc.Error{Name: "panic", Value: PanicValue(p.Value), Traceback: []string{msg}}
	}
	if errors.Is(err, context.Canceled) {
		return &ipc.Error{Name: "interrupt", Value: "signal: interrupt", Traceback: []string{"signal: interrupt"}}
	}
	msg := err.Error()
	return &ipc.Error{Name: "error", Value: msg, Traceback: strings.Split(msg, "\n")}
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
