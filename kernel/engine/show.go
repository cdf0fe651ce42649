package engine

// A trailing value as a MIME bundle: the cell's Out. The value is taken by
// evaluating _gk_show(EXPR), which the prelude defines as returning its
// arguments, so that a call with several results shows as a tuple and a
// call with none is told apart (noValue) and run as a statement.
//
// yaegi behaviours answered here:
//   - A receive can only be cancelled with every goroutine of every cell: a
//     trailing `<-ch` is received here (receive), where the cell's own
//     interrupt can end it.
//   - The methods of interpreted types are invisible to reflect, and type
//     switches and comma-ok assertions on interpreted values are unreliable:
//     rich values are found at compile time (richShow).
//   - Passing a call of a host function without results as an argument is
//     reported only as "undefined type" (noValue).
//   - A []any passed to a ...any parameter is spread: a trailing value that
//     is no call goes through _gk_show1 (one value), and a call's one []any
//     result is put back together (values.showText).
//   - fmt cannot see the session's types: the text is made by the values
//     printer, with the trailing value's static type (values.go).

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/typedfmt"
	"github.com/traefik/yaegi/interp"
)

// show evaluates the cell's trailing expression and returns its MIME
// bundle, nil when there is nothing to show.
func (r *cellExec) show() (map[string]any, *outcome.Error) {
	c := r.c
	if c.Show == nil {
		return nil, nil
	}
	if u, ok := ast.Unparen(c.Show).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return r.showReceive(u.X)
	}
	if data, err, ok := r.e.richShow(r.ctx, c, c.Src); ok {
		return data, err
	}
	if r.e.vals.types.ShowSprint(c) {
		// A generic type's String: only yaegi's fmt can call it.
		if v, err := r.e.eval(r.ctx, c.PrintCall(sprintName, c.Show)); err == nil && v.Kind() == reflect.String {
			return map[string]any{"text/plain": v.String()}, nil
		}
	}
	show := showName
	if _, call := ast.Unparen(c.Show).(*ast.CallExpr); !call {
		// One value: yaegi would spread a []any passed to ...any.
		show = showOneName
	}
	v, err := r.e.eval(r.ctx, c.PrintCall(show, c.Show))
	switch {
	case err != nil && noValue(err):
		// A call with no result: run it as a statement.
		return nil, r.statements([]ast.Stmt{&ast.ExprStmt{X: c.Show}})
	case err != nil:
		return nil, r.e.toError(err, c.Src, "compile error")
	}
	if v.IsValid() && v.CanInterface() {
		if vals, ok := v.Interface().([]any); ok && len(vals) > 0 {
			return showData(r.e.vals.showText(c, vals)), nil
		}
	}
	return nil, nil
}

// showReceive shows a trailing receive, `<-results`: the interpreter's
// receive can only be cancelled with every goroutine of every cell, so the
// engine receives here, where its cell's interrupt can end it.
func (r *cellExec) showReceive(ch ast.Expr) (map[string]any, *outcome.Error) {
	v, err := r.run(r.c.PrintCall(showName, ch), "compile error")
	if err != nil {
		return nil, err
	}
	if vals, ok := v.Interface().([]any); ok && len(vals) == 1 && reflect.ValueOf(vals[0]).Kind() == reflect.Chan {
		got, err := r.e.receive(r.ctx, reflect.ValueOf(vals[0]))
		if err != nil {
			return nil, err
		}
		return showData(r.e.vals.showText(r.c, []any{got.Interface()})), nil
	}
	return nil, nil
}

// receive takes one value from ch for a trailing `<-ch`, unless the cell is
// interrupted first.
func (e *Engine) receive(ctx context.Context, ch reflect.Value) (reflect.Value, *outcome.Error) {
	if ch.Type().ChanDir()&reflect.RecvDir == 0 {
		return reflect.Value{}, outcome.Simple("compile error", "invalid operation: cannot receive from send-only channel")
	}
	cases := []reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: ch},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(e.tracker.Done())},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ctx.Done())},
	}
	chosen, v, _ := reflect.Select(cases)
	if chosen != 0 {
		return reflect.Value{}, outcome.Interrupt()
	}
	return v, nil
}

// noValue reports whether the interpreter refused _gk_show(call) because the
// call has no result.
func noValue(err error) bool {
	m := err.Error()
	// A call of a host function without results (display.Update) as an
	// argument: yaegi v0.16.1 says only "undefined type". Running the call
	// as a statement instead reports a real compile error, if any.
	return noValueRE.MatchString(m) || strings.Contains(m, "used as value") ||
		strings.Contains(m, "(no value)") || strings.HasSuffix(m, ": undefined type")
}

// The parameters may hold parentheses: func(func()), for display.Timeline.
var noValueRE = regexp.MustCompile(`cannot use func\(.*\) as type \(\.\.\.any\)`)

// showData is the MIME bundle of a trailing value: text/plain always (texts
// are its results as formatted by values.showText), plus the rich form of a
// value with an HTML, Markdown or SVG method (the tuple value, richMark,
// MIME type, content that richShow builds) or of an image.Image.
func showData(vals []any, texts []string) map[string]any {
	if len(vals) == 1 {
		if d := display.Rich(vals[0], texts[0]); d != nil {
			return d
		}
		return map[string]any{"text/plain": texts[0]}
	}
	if len(vals) == 4 && vals[0] == richMark {
		mime, _ := vals[1].(string)
		return map[string]any{"text/plain": vals[3], mime: vals[2]}
	}
	return map[string]any{"text/plain": "(" + strings.Join(texts, ", ") + ")"}
}

// richMethods are the methods that give a trailing value a rich form, in
// order of preference.
var richMethods = []struct{ name, mime string }{
	{"HTML", "text/html"}, {"Markdown", "text/markdown"}, {"SVG", "image/svg+xml"},
}

// richShow shows a trailing expression whose static type has an HTML,
// Markdown or SVG method (func() string) as that MIME type plus
// text/plain. ok is false when it does not apply; err is set when the
// expression ran and failed.
//
// yaegi behaviour answered: the methods of interpreted types are invisible
// to reflect, and a type switch or comma-ok assertion on interpreted values
// is unreliable in v0.16.1 (a comma-ok assertion to an interface panics
// with "reflect.Set: value of type interface {} is not assignable to type
// interp.valueInterface"; a type switch matches `type Note string` against
// interfaces it does not implement, and a case Note matches any string).
// So the method is found at compile time: the chunk
//
//	_gk_show(func() []any { _gk_v := EXPR; return []any{richMark, "text/html", _gk_v.HTML(), _gk_text(SITE, _gk_v)} }()...)
//
// compiles only when EXPR has the method. It is tried only when a cell
// declared such a method, so cells without one pay nothing. The static type
// decides, as in Go: a value held in an `any` variable shows as text.
func (e *Engine) richShow(ctx context.Context, c *frontend.Cell, code string) (map[string]any, *outcome.Error, bool) {
	if c.Show == nil {
		return nil, nil, false
	}
	if u, ok := ast.Unparen(c.Show).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return nil, nil, false // a trailing receive: Execute receives it itself
	}
	for _, m := range richMethods {
		if !e.declaresMethod(m.name) {
			continue
		}
		v := &ast.Ident{Name: frontend.Reserved + "_v", NamePos: c.Show.Pos()}
		call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: v, Sel: ast.NewIdent(m.name)}}
		// The rich form travels as a marker and two strings: a call of a
		// _gkrt helper or a _gkrt.Rich{…} literal here fails in yaegi
		// v0.16.1 with "CFG post-order panic: incomplete type _gkrt".
		// Its text/plain is printed here too: _gk_v itself would reach
		// compiled code wrapped in yaegi's valueInterface.
		str := func(s string) ast.Expr { return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(s)} }
		// A package selector in this func literal fails ("CFG post-order
		// panic: incomplete type _gkfmt"); a call of a prelude func works
		// (_gk_text: the typed printer's %v, with the site of the
		// trailing value's static type).
		site := typedfmt.NoSite
		if id, ok := e.vals.types.ShowSite(c); ok {
			site = id
		}
		text := &ast.CallExpr{Fun: ast.NewIdent(textName), Args: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(site)}, v}}
		anySlice := &ast.ArrayType{Elt: ast.NewIdent("any")}
		fn := &ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: anySlice}}}},
			Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{v}, Tok: token.DEFINE, TokPos: c.Show.Pos(), Rhs: []ast.Expr{c.Show}},
				&ast.ReturnStmt{Results: []ast.Expr{&ast.CompositeLit{Type: anySlice, Elts: []ast.Expr{str(richMark), str(m.mime), call, text}}}},
			}},
		}
		src := c.PrintNode(&ast.CallExpr{Fun: ast.NewIdent(showName), Args: []ast.Expr{&ast.CallExpr{Fun: fn}}, Ellipsis: 1})
		got, err := e.eval(ctx, src)
		if err != nil {
			var p interp.Panic
			// yaegi reports a panic of its compiler as an interp.Panic
			// too ("CFG post-order panic"): that is not the cell's.
			if (errors.As(err, &p) && !strings.Contains(err.Error(), "order panic")) || errors.Is(err, context.Canceled) {
				return nil, e.toError(err, code, "panic"), true
			}
			if debugChunks {
				fmt.Fprintf(os.Stderr, "--- rich %s: %v\n", m.name, err)
			}
			continue // EXPR has no such method (or is no single value)
		}
		if vals, ok := got.Interface().([]any); ok && len(vals) == 4 {
			return showData(vals, nil), nil, true
		}
	}
	return nil, nil, false
}

// richMark is the first element of a rich trailing value, see showData.
const richMark = "\x00gokernel-rich"

// declaresMethod reports whether a cell declared a method called name.
func (e *Engine) declaresMethod(name string) bool {
	for key := range e.funcs {
		if _, m, ok := strings.Cut(key, "."); ok && m == name {
			return true
		}
	}
	return false
}
