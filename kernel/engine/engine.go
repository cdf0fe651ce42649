// Package engine runs cells in a yaegi interpreter: it is the interpreter step
// of a cell's life, after the front-end (package frontend) has split and
// rewritten the source and before the worker ships the result to the kernel.
//
// Contract: Execute never panics and never lets a panic in the cell's own
// goroutine escape; it returns when the cell ends or its context is cancelled.
// Output goes to the *os.File pipes given in Options, so that fmt.Print*,
// println (on stderr, as in Go), log and os.Stdout/os.Stderr writes in the
// cell all land there.
//
// A cell runs as `go run` would run it: imports first (re-importing is
// silent), then the cell's declarations (func, method, type, const and the
// var declarations before the first statement) in one piece, then its
// statements and variable definitions in source order, then func main if the
// cell declares one — exactly once. A top-level `x := e` defines a
// package-level x that later cells see. Statements run inside a generated
// function, so block scoping and defer behave as in a function body; a
// defer at a cell's top level runs when the statements before the next
// top-level variable definition end (documented limit).
//
// Out: a trailing expression's value becomes Result.Data["text/plain"]. One
// value is formatted by FormatValue: strings quoted like Go source (so "42"
// and 42 differ), nil as <nil>, anything else with fmt's %v. Several results
// (a call returning (T, error)) show as a tuple "(1, <nil>)" with each
// element formatted the same way. A trailing call with no result, or to
// fmt.Print*, fmt.Fprint*, log.*, print, println, panic, shows nothing; a
// cell that does not end in an expression never shows a value.
// Rich Out: a trailing image.Image adds image/png; a trailing expression
// whose type has an HTML, Markdown or SVG method (func() string) adds
// text/html, text/markdown or image/svg+xml (see richShow for how, given
// yaegi's hidden methods).
//
// Host packages: cells can import "gokernel/display" (package display; its
// events go to Options.Display). os.Getenv and its siblings are the worker
// process's real environment, not yaegi's private one.
//
// Introspection (introspect.go): Names (%who), Describe (a variable's type,
// fields and methods, for completion) and Inspect; they read the
// interpreter and must not run while Execute runs, except Describe and
// Names, which read no values.
//
// Errors: syntax errors (go/parser's wording) and compile errors (yaegi's
// wording) point at the cell's own line and column; see toError for the
// outcome.Error shape. A syntax error or a rejected redefinition runs nothing.
// A compile error in a later piece of the cell (a statement group after a
// variable definition, say) leaves the earlier pieces run: the interpreter
// cannot undo them.
//
// Redefinition: a redefined func takes effect for code compiled afterwards;
// functions from earlier cells that call it keep the old one (yaegi binds calls
// when it compiles), and the engine says so on stderr, naming them. yaegi
// ignores a redefined type or method, so a cell that changes one is refused
// with an error saying to restart the kernel; re-running an unchanged
// definition is fine.
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
	"go/token"
	"go/types"
	"io"
	"os"
	"reflect"
	"regexp"

	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Options are the streams a cell sees and the scheduler view it reports to.
type Options struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Tracker knows which cell each goroutine belongs to; nil: a new one.
	Tracker *sched.Tracker
	// Exit, when set, is what os.Exit and log.Fatal call, from whichever
	// goroutine; it must not return. Unset, they end the cell with
	// "exit status N" and the interpreter lives on.
	Exit func(code int)
	// Display receives the events of the cells' "gokernel/display"
	// package (package display); nil: they are dropped.
	Display display.Sink
}

// Engine is one interpreter and the state cells build up in it.
type Engine struct {
	in      *interp.Interpreter
	trace   *tracer
	tracker *sched.Tracker
	stderr  io.Writer
	ncell   int
	imports map[string]string // import name -> path
	defined map[string]bool   // top-level names user cells declared
	vars    map[string]bool   // package-level variables user cells declared
	funcs   map[string]*def   // func name or "T.M" -> definition
	types   map[string]string // type name -> printed definition
	// typeNames names the struct types user cells declared: yaegi gives
	// them unnamed reflect types ("struct { X int }"), see typeName.
	typeNames map[reflect.Type]string
}

type def struct {
	cell int
	sig  string // "func(x int) string", for %who, completion and inspection
	src  string
	refs map[string]bool // identifiers the body mentions
}

// exitCode is the panic value of os.Exit and log.Fatal* in a cell.
type exitCode int

// New loads an interpreter with the standard library.
func New(o Options) (*Engine, error) {
	var stderr io.Writer = io.Discard
	if o.Stderr != nil {
		stderr = o.Stderr
	}
	if o.Tracker == nil {
		o.Tracker = sched.NewTracker()
	}
	tracker.Store(o.Tracker)
	// yaegi writes "1:28: panic: main(...)" to its Stderr when a cell
	// panics; the filter drops those lines, the panic is reported as the
	// cell's error.
	filtered := newTracer(stderr)
	in := interp.New(interp.Options{Stdin: o.Stdin, Stdout: o.Stdout, Stderr: filtered})
	if err := in.Use(stdlib.Symbols); err != nil {
		return nil, fmt.Errorf("engine: loading the standard library: %w", err)
	}
	e := &Engine{in: in, trace: filtered, tracker: o.Tracker, stderr: stderr, imports: map[string]string{}, defined: map[string]bool{},
		vars: map[string]bool{}, funcs: map[string]*def{}, types: map[string]string{}, typeNames: map[reflect.Type]string{}}
	exit := func(code int) { panic(exitCode(code)) }
	if o.Exit != nil {
		exit = o.Exit
	}
	osSyms := interp.Exports{}
	var stdin, stdout, stderrFile File = &stdFile{name: "/dev/stdin", fd: 0, r: o.Stdin},
		&stdFile{name: "/dev/stdout", fd: 1, w: o.Stdout}, &stdFile{name: "/dev/stderr", fd: 2, w: stderr}
	osSyms["os/os"] = map[string]reflect.Value{
		// yaegi's os.Exit panics with a string; ours with exitCode, which
		// toError reports as `go run` does ("exit status N").
		"Exit":   reflect.ValueOf(exit),
		"Stdin":  reflect.ValueOf(&stdin).Elem(),
		"Stdout": reflect.ValueOf(&stdout).Elem(),
		"Stderr": reflect.ValueOf(&stderrFile).Elem(),
		// yaegi, unless Unrestricted, gives interpreted code a private
		// environment (Options.Env, empty here) for os.Getenv and its
		// siblings, so a cell would see no $HOME, $PATH or what %env sets.
		// A cell runs as `go run` would: it sees and changes the worker
		// process's real environment, which !cmd lines inherit too.
		"Getenv":    reflect.ValueOf(os.Getenv),
		"LookupEnv": reflect.ValueOf(os.LookupEnv),
		"Setenv":    reflect.ValueOf(os.Setenv),
		"Unsetenv":  reflect.ValueOf(os.Unsetenv),
		"Environ":   reflect.ValueOf(os.Environ),
		"ExpandEnv": reflect.ValueOf(os.ExpandEnv),
		"Clearenv":  reflect.ValueOf(os.Clearenv),
	}
	osSyms["time/time"] = timeSymbols(o.Tracker)
	osSyms["sync/sync"] = map[string]reflect.Value{"WaitGroup": reflect.ValueOf((*WaitGroup)(nil))}
	// log.Fatal* in yaegi are log.Panic*: the message is printed, then the
	// cell panics with it. Go prints and exits with status 1.
	logSyms := in.Symbols("log")["log"]
	if out, ok := logSyms["Output"].Interface().(func(int, string) error); ok {
		osSyms["log/log"] = map[string]reflect.Value{
			"Fatal":   reflect.ValueOf(func(v ...any) { out(2, fmt.Sprint(v...)); exit(1) }),
			"Fatalf":  reflect.ValueOf(func(f string, v ...any) { out(2, fmt.Sprintf(f, v...)); exit(1) }),
			"Fatalln": reflect.ValueOf(func(v ...any) { out(2, fmt.Sprintln(v...)); exit(1) }),
		}
	}
	rt := runtimeSymbols(stderr)
	for name, v := range schedSymbols(o.Tracker) {
		rt[name] = v
	}
	osSyms["gokernel/rt/rt"] = rt
	osSyms["errors/errors"] = map[string]reflect.Value{"As": reflect.ValueOf(errorsAs)}
	if err := in.Use(osSyms); err != nil {
		return nil, fmt.Errorf("engine: loading overrides: %w", err)
	}
	sink := o.Display
	if sink == nil {
		sink = func(outcome.Display) {}
	}
	if err := in.Use(display.New(sink).Symbols()); err != nil {
		return nil, fmt.Errorf("engine: loading %s: %w", display.Path, err)
	}
	if _, err := e.eval(context.Background(), prelude); err != nil {
		return nil, fmt.Errorf("engine: prelude: %w", err)
	}
	return e, nil
}

// prelude defines the helpers the front-end's rewrites call.
const prelude = `import ` + frontend.RuntimePkg + ` "gokernel/rt"
import ` + fmtPkg + ` "fmt"

func ` + showName + `(v ...any) []any { return v }

func ` + sprintName + `[T any](v T) string { return ` + fmtPkg + `.Sprint(v) }

func ` + frontend.MinName + `[T ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string](x T, y ...T) T {
	for _, v := range y {
		if v < x {
			x = v
		}
	}
	return x
}

func ` + frontend.MaxName + `[T ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string](x T, y ...T) T {
	for _, v := range y {
		if v > x {
			x = v
		}
	}
	return x
}
`

const showName = "_gk_show"

// Result is what a cell produced: a value to show, or an error.
type Result struct {
	Data map[string]any // MIME bundle of the trailing expression; nil when none
	Err  *outcome.Error
	// For a cell that succeeded: the source that restores its imports,
	// funcs, types and consts in a fresh interpreter (frontend.Cell.Replay),
	// and the variables it defined, which a fresh interpreter loses.
	Replay []string
	Vars   []string
	// Names are the top-level names the cell defined (for completion).
	Names []string
}

// Execute runs one cell.
func (e *Engine) Execute(ctx context.Context, code string) Result {
	e.ncell++
	c, err := frontend.Parse(code)
	if err == nil {
		err = frontend.Rewrite(c, frontend.Env{Kind: e.kind, Defined: func(n string) bool { return e.defined[n] }})
	}
	if err != nil {
		return Result{Err: e.toError(err, code, "compile error")}
	}
	run := func(src, kind string) (reflect.Value, *outcome.Error) {
		v, err := e.eval(ctx, src)
		if err != nil {
			return v, e.toError(err, code, kind)
		}
		return v, nil
	}

	// Imports: yaegi refuses to import a name twice ("redeclared in this
	// block"); an import the session already has is skipped.
	for _, s := range c.Imports {
		path, _ := strconv.Unquote(s.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if s.Name != nil {
			name = s.Name.Name
		}
		if name != "_" && name != "." && e.imports[name] == path {
			continue
		}
		if _, err := run(c.PrintNode(&ast.GenDecl{TokPos: s.Pos(), Tok: token.IMPORT, Specs: []ast.Spec{s}}), "compile error"); err != nil {
			return Result{Err: err}
		}
		if name != "_" && name != "." {
			e.imports[name] = path
		}
	}

	e.deferVarsOnEarlierVars(c)
	if len(c.Decls) > 0 {
		if err := e.checkRedefinitions(c, code); err != nil {
			return Result{Err: err}
		}
		if _, err := run(c.PrintDecls(), "compile error"); err != nil {
			return Result{Err: err}
		}
		e.recordDecls(c)
		e.nameTypes(ctx, c)
	}

	// Body: statements run in a generated function (one Eval declares it,
	// one calls it: yaegi cannot mix declarations and statements in one
	// Eval, and statements at yaegi's top level have scoping bugs and
	// re-run deferred calls on later Evals); variable definitions run as
	// package-level var declarations, in source order.
	var group []ast.Stmt
	flush := func() *outcome.Error {
		if len(group) == 0 {
			return nil
		}
		name := fmt.Sprintf("_gk_cell%d_%d", e.ncell, len(group))
		src := c.PrintFunc(name, group)
		group = nil
		if _, err := run(src, "compile error"); err != nil {
			return err
		}
		_, err := run(name+"()", "panic")
		return err
	}
	for _, n := range c.Body {
		if s, ok := n.(ast.Stmt); ok {
			group = append(group, s)
			continue
		}
		if err := flush(); err != nil {
			return Result{Err: err}
		}
		if err := e.defineVars(ctx, c, n.(*ast.GenDecl), run); err != nil {
			return Result{Err: err}
		}
		for _, s := range n.(*ast.GenDecl).Specs {
			for _, nm := range s.(*ast.ValueSpec).Names {
				e.defined[nm.Name], e.vars[nm.Name] = true, true
			}
		}
	}
	if err := flush(); err != nil {
		return Result{Err: err}
	}

	var res Result
	if u, ok := ast.Unparen(c.Show).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		// A trailing receive, `<-results`: the interpreter's receive can
		// only be cancelled with every goroutine of every cell, so the
		// engine receives here, where its cell's interrupt can end it.
		v, err := e.eval(ctx, c.PrintCall(showName, u.X))
		if err != nil {
			return Result{Err: e.toError(err, code, "compile error")}
		}
		if vals, ok := v.Interface().([]any); ok && len(vals) == 1 && reflect.ValueOf(vals[0]).Kind() == reflect.Chan {
			got, err := e.receive(ctx, reflect.ValueOf(vals[0]))
			if err != nil {
				return Result{Err: err}
			}
			res.Data = showData([]any{got.Interface()})
		}
	} else if data, err, ok := e.richShow(ctx, c, code); ok {
		if err != nil {
			return Result{Err: err}
		}
		res.Data = data
	} else if c.Show != nil {
		v, err := e.eval(ctx, c.PrintCall(showName, c.Show))
		if err != nil && noValue(err) {
			// A call with no result: run it as a statement.
			group = []ast.Stmt{&ast.ExprStmt{X: c.Show}}
			if err := flush(); err != nil {
				return Result{Err: err}
			}
		} else if err != nil {
			return Result{Err: e.toError(err, code, "compile error")}
		} else if v.IsValid() && v.CanInterface() {
			if vals, ok := v.Interface().([]any); ok && len(vals) > 0 {
				res.Data = showData(vals)
			}
		}
	}
	if c.HasMain {
		if _, err := run(frontend.MainName+"()", "panic"); err != nil {
			return Result{Err: err}
		}
	}
	res.Replay, res.Vars, res.Names = c.Replay, varNames(c), definedNames(c)
	return res
}

// Restore re-runs the Replay sources of earlier cells in a fresh engine, in
// order; it returns the errors of those that failed.
func (e *Engine) Restore(ctx context.Context, sources []string) []*outcome.Error {
	var errs []*outcome.Error
	for _, src := range sources {
		if r := e.Execute(ctx, src); r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	return errs
}

// definedNames lists every top-level name a cell defines: imports, funcs,
// types, consts and variables.
func definedNames(c *frontend.Cell) []string {
	names := varNames(c)
	for _, im := range c.Imports {
		if im.Name != nil {
			names = append(names, im.Name.Name)
		} else if p, err := strconv.Unquote(im.Path.Value); err == nil {
			names = append(names, p[strings.LastIndex(p, "/")+1:])
		}
	}
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name != frontend.MainName {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.TypeSpec:
					names = append(names, sp.Name.Name)
				case *ast.ValueSpec:
					if d.Tok == token.CONST {
						for _, nm := range sp.Names {
							names = append(names, nm.Name)
						}
					}
				}
			}
		}
	}
	return names
}

// varNames lists the package-level variables a cell defines.
func varNames(c *frontend.Cell) []string {
	var names []string
	add := func(n ast.Node) {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, sp := range g.Specs {
				for _, nm := range sp.(*ast.ValueSpec).Names {
					if nm.Name != "_" {
						names = append(names, nm.Name)
					}
				}
			}
		}
	}
	for _, d := range c.Decls {
		add(d)
	}
	for _, n := range c.Body {
		add(n)
	}
	return names
}

// deferVarsOnEarlierVars moves a var declaration whose initialiser mentions
// a variable of an earlier cell from the hoisted declarations to the start
// of the body, where defineVars can work around yaegi's "variable definition
// loop" (see there). A func of the same cell that uses such a variable then
// fails to compile ("undefined"): a documented limit.
func (e *Engine) deferVarsOnEarlierVars(c *frontend.Cell) {
	var keep []ast.Decl
	var moved []ast.Node
	for _, d := range c.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR || !e.mentionsVar(g) {
			keep = append(keep, d)
			continue
		}
		moved = append(moved, g)
	}
	if len(moved) > 0 {
		c.Decls = keep
		c.Body = append(moved, c.Body...)
	}
}

func (e *Engine) mentionsVar(g *ast.GenDecl) bool {
	found := false
	for _, sp := range g.Specs {
		for _, v := range sp.(*ast.ValueSpec).Values {
			ast.Inspect(v, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && e.vars[id.Name] {
					found = true
				}
				return !found
			})
		}
	}
	return found
}

// defineVars runs a cell's top-level variable definition as a package-level
// var declaration, so that later cells see the variables.
//
// yaegi behaviour answered: `var b = a`, where a is a variable an earlier
// Eval declared, fails with "variable definition loop" (any initialiser that
// mentions such a variable does, even inside a func literal). The failed
// declaration leaves b declared with its zero value; the top-level
// statement `b := a` (or, with a type, `b = a`) then sets it, and works.
func (e *Engine) defineVars(ctx context.Context, c *frontend.Cell, g *ast.GenDecl, run func(src, kind string) (reflect.Value, *outcome.Error)) *outcome.Error {
	_, err := run(c.PrintNode(g), "compile error")
	if err != nil && strings.Contains(err.Value, "constant definition loop") {
		// yaegi's word for `var x = undefinedThing`: say what Go says.
		if name, pos := e.undefinedIn(c, g); name != "" {
			line, col := c.Pos(pos)
			fe := &frontend.Error{Kind: "compile error", Line: line, Col: col, Msg: "undefined: " + name}
			return e.toError(fe, c.Src, "compile error")
		}
	}
	if err == nil || !strings.Contains(err.Value, "variable definition loop") {
		return err
	}
	for _, sp := range g.Specs {
		vs := sp.(*ast.ValueSpec)
		if len(vs.Values) == 0 {
			continue
		}
		var lhs []ast.Expr
		for _, nm := range vs.Names {
			lhs = append(lhs, nm)
		}
		tok := token.DEFINE
		if vs.Type != nil {
			tok = token.ASSIGN
		}
		stmt := &ast.AssignStmt{Lhs: lhs, TokPos: vs.Pos(), Tok: tok, Rhs: vs.Values}
		if _, err := run(c.PrintNode(stmt), "compile error"); err != nil {
			return err
		}
	}
	return nil
}

// undefinedIn finds a name a top-level var's initialiser uses that nothing
// defines: not an earlier cell, not this cell, not an import, not a
// predeclared name. Names inside func literals are skipped (they may be the
// literal's own).
func (e *Engine) undefinedIn(c *frontend.Cell, g *ast.GenDecl) (string, token.Pos) {
	var name string
	var pos token.Pos
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if name != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr: // x.Sel: only x is a name to look up
			ast.Inspect(n.X, visit)
			return false
		case *ast.KeyValueExpr: // a struct literal's field key is not a name either
			if _, ok := n.Key.(*ast.Ident); ok {
				ast.Inspect(n.Value, visit)
				return false
			}
		case *ast.Ident:
			if !e.known(c, n.Name) {
				name, pos = n.Name, n.Pos()
			}
		}
		return true
	}
	for _, sp := range g.Specs {
		for _, v := range sp.(*ast.ValueSpec).Values {
			ast.Inspect(v, visit)
		}
	}
	return name, pos
}

func (e *Engine) known(c *frontend.Cell, name string) bool {
	if e.defined[name] || e.imports[name] != "" || c.DeclaresAtTop(name) || types.Universe.Lookup(name) != nil {
		return true
	}
	for _, im := range c.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if (im.Name != nil && im.Name.Name == name) || p[strings.LastIndex(p, "/")+1:] == name {
			return true
		}
	}
	return false
}

// receive takes one value from ch for a trailing `<-ch`, unless the cell is
// interrupted first.
func (e *Engine) receive(ctx context.Context, ch reflect.Value) (reflect.Value, *outcome.Error) {
	if ch.Type().ChanDir()&reflect.RecvDir == 0 {
		return reflect.Value{}, &outcome.Error{Name: "compile error", Value: "invalid operation: cannot receive from send-only channel",
			Traceback: []string{"invalid operation: cannot receive from send-only channel"}}
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

var noValueRE = regexp.MustCompile(`cannot use func\([^)]*\) as type \(\.\.\.any\)`)

// kind answers frontend.Env.Kind for variables earlier cells defined.
func (e *Engine) kind(name string) reflect.Kind {
	if !e.vars[name] {
		if d, ok := e.funcs[name]; ok && d != nil {
			return reflect.Func
		}
		return reflect.Invalid
	}
	v, err := e.eval(context.Background(), name)
	if err != nil || !v.IsValid() {
		return reflect.Invalid
	}
	return v.Kind()
}

// eval is EvalWithContext with a recover: yaegi can panic in its compiler on
// some malformed programs, outside the goroutine EvalWithContext protects.
func (e *Engine) eval(ctx context.Context, src string) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal interpreter error: %v", r)
		}
	}()
	// Chunks carry no //line directive (see frontend's printer): yaegi
	// reports positions relative to the chunk, and cellPositions maps them
	// back through the chunk's line table.
	if debugChunks {
		fmt.Fprintf(os.Stderr, "--- chunk\n%s\n", src)
	}
	v, err = e.in.EvalWithContext(ctx, src)
	if err == nil && strings.Contains(src, "func ") {
		e.trace.compiled(src, e.tracker)
	}
	return v, cellPositions(err, src)
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

// PanicStack is the interpreted stack of the goroutine with that id at its
// last panic, in cell lines, as Go prints a stack ("main.f(...)", "\tIn[3]:5").
func (e *Engine) PanicStack(id int64) []string { return e.trace.Stack(id) }

// debugChunks prints every chunk the engine evaluates to the process's
// stderr (GOKERNEL_DEBUG_CHUNKS=1), to see what the front-end produced.
var debugChunks = os.Getenv("GOKERNEL_DEBUG_CHUNKS") != ""

// FormatValue renders a value as text/plain: strings quoted, so that "42" and
// 42 look different, nil as <nil>, everything else as fmt's %v.
func FormatValue(v reflect.Value) string {
	if !v.IsValid() {
		return "<nil>"
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.CanInterface() {
		return v.String()
	}
	return formatAny(v.Interface())
}

func formatAny(x any) string {
	if s, ok := x.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%v", x)
}

// showData is the MIME bundle of a trailing value: text/plain always, plus
// the rich form of a value with an HTML, Markdown or SVG method (the
// tuple value, richMark, MIME type, content that richShow builds) or of an
// image.Image.
func showData(vals []any) map[string]any {
	if len(vals) == 1 {
		text := formatAny(vals[0])
		if d := display.Rich(vals[0], text); d != nil {
			return d
		}
		return map[string]any{"text/plain": text}
	}
	if len(vals) == 4 && vals[0] == richMark {
		mime, _ := vals[1].(string)
		return map[string]any{"text/plain": vals[3], mime: vals[2]}
	}
	return map[string]any{"text/plain": formatTuple(vals)}
}

// formatTuple shows one value alone and several as "(a, b)".
func formatTuple(vals []any) string {
	if len(vals) == 1 {
		return formatAny(vals[0])
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = formatAny(v)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// toError turns an interpreter or front-end error into the shape of an
// execute_reply error:
//
//	Name       "syntax error", "compile error", "unsupported", "panic",
//	           "exit" (os.Exit or log.Fatal with a non-zero code), "interrupt"
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
		msg := "panic: " + PanicValue(p.Value)
		tb := append([]string{msg, "", "goroutine 1 [running]:"}, e.trace.Stack(GoroutineID(p.Stack))...)
		return &outcome.Error{Name: "panic", Value: PanicValue(p.Value), Traceback: append(tb, "exit status 2")}
	}
	if errors.Is(err, context.Canceled) {
		return outcome.Interrupt()
	}
	var fe *frontend.Error
	if !errors.As(err, &fe) {
		fe = frontend.FromInterpreter(err.Error(), kind)
		fe.FindColumn(code)
		if fe.Msg == "nil type" {
			fe.Msg = "nil type (yaegi could not type a range expression: range over an integer whose type the kernel could not infer, or over a function, a Go 1.23 iterator, which is not supported)"
		}
	}
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
