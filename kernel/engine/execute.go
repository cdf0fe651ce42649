package engine

// A cell's life: Execute parses and rewrites the cell (package frontend),
// then evaluates its pieces in the order `go run` runs a program — imports,
// declarations, the body in source order, the trailing value, func main —
// and stops at the first piece that fails.
//
// yaegi behaviours answered here:
//   - Importing a name twice fails ("redeclared in this block"): an import
//     the session already has is skipped.
//   - One Eval cannot mix declarations and statements, and statements at
//     yaegi's top level have scoping bugs and re-run deferred calls on later
//     Evals: statements run as the body of a generated function, one Eval
//     declaring it and one calling it.
//   - After every Eval yaegi calls main if one is defined: func main is
//     renamed by the front-end and called here, once.

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/traefik/yaegi/interp"
)

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
	r, err := e.prepare(ctx, code)
	if err != nil {
		return Result{Err: err}
	}
	if err := r.imports(); err != nil {
		return Result{Err: err}
	}
	if err := r.decls(); err != nil {
		return Result{Err: err}
	}
	if err := r.body(); err != nil {
		return Result{Err: err}
	}
	data, err := r.show()
	if err != nil {
		return Result{Err: err}
	}
	if err := r.main(); err != nil {
		return Result{Err: err}
	}
	return Result{Data: data, Replay: r.c.Replay, Vars: varNames(r.c), Names: definedNames(r.c)}
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

// cellExec is one Execute: the rewritten cell and the context its pieces run
// in.
type cellExec struct {
	e   *Engine
	ctx context.Context
	c   *frontend.Cell
	// nfunc counts the generated functions of the cell (statements).
	nfunc int
}

// prepare parses the cell and runs the front-end's passes over it. A syntax
// error (or a feature the front-end refuses) runs nothing.
func (e *Engine) prepare(ctx context.Context, code string) (*cellExec, *outcome.Error) {
	c, err := frontend.Parse(code)
	if err == nil {
		err = frontend.Rewrite(c, e.env())
	}
	if err == nil {
		if fe := e.session.MissingImport(c); fe != nil {
			err = fe // Go refuses it; the interpreter might crash on it
		} else if fe := e.brokenUse(c); fe != nil {
			err = fe // the interpreter would run what is left of it
		}
	}
	if err != nil {
		return nil, e.toError(err, code, "compile error")
	}
	e.cell = c
	if debugChunks && len(c.CheckErrors()) > 0 {
		fmt.Fprintf(os.Stderr, "--- type checker: %v\n", c.CheckErrors())
	}
	e.trace.compiling(c)
	return &cellExec{e: e, ctx: ctx, c: c}, nil
}

// env is what the passes may ask about earlier cells.
func (e *Engine) env() frontend.Env {
	env := frontend.Env{Kind: e.kind, Defined: func(n string) bool { return e.defined[n] }, Types: e.session}
	if c := e.tracker.Current(); c != nil {
		env.Cell = c.String()
	}
	return env
}

// run evaluates one chunk of the cell; kind is the error kind a message of
// the interpreter gets ("compile error" or "panic").
func (r *cellExec) run(src, kind string) (reflect.Value, *outcome.Error) {
	v, err := r.e.eval(r.ctx, src)
	if err != nil {
		return v, r.e.toError(compilerPanic(err, src), r.c.Src, kind)
	}
	return v, nil
}

// compilerPanic is err, when it is a panic of yaegi's compiler, as the
// compile error it stands for ("L:C: msg" at the cell's position); err
// otherwise.
//
// yaegi behaviour answered (v0.16.1): some failures of its compiler escape
// it as a panic (a *interp.cfgError, e.g. "incomplete type ch" for `case
// m := <-ch:` in a func compiled before ch is declared), which
// EvalWithContext returns as an interp.Panic: the cell would fail with
// "panic: 3:14: incomplete type ch", a chunk's position, read as the
// student's panic ("exit status 2"). As a compile error it is positioned in
// the cell and, on code the type checker accepted, an interpreter
// limitation (limits.go). A panic raised while compiling is never the
// student's: their code runs only after CompileAST returns.
func compilerPanic(err error, src string) error {
	var p interp.Panic
	if !errors.As(err, &p) {
		return err
	}
	stack := string(p.Stack)
	if !strings.Contains(stack, "interp.(*Interpreter).CompileAST(") || strings.Contains(stack, "interp.runCfg(") {
		return err
	}
	e, ok := p.Value.(error)
	if !ok {
		return err
	}
	return cellPositions(e, src)
}

// imports runs the cell's imports, skipping those the session has.
func (r *cellExec) imports() *outcome.Error {
	for _, s := range r.c.Imports {
		name, path := frontend.ImportName(s)
		if name != "_" && name != "." && r.e.imports[name] == path {
			continue
		}
		if _, err := r.run(r.c.PrintNode(&ast.GenDecl{TokPos: s.Pos(), Tok: token.IMPORT, Specs: []ast.Spec{s}}), "compile error"); err != nil {
			if r.e.sources != nil {
				if hint := r.e.sources.ImportHint(path, err.Value); hint != "" {
					err.Traceback = append(err.Traceback, hint)
				}
			}
			return err
		}
		if name != "_" && name != "." {
			r.e.imports[name] = path
		}
	}
	r.e.session.CommitImports(r.c)
	return nil
}

// decls runs the cell's hoisted declarations in one piece, after refusing
// the redefinitions yaegi would ignore (redefine.go).
func (r *cellExec) decls() *outcome.Error {
	r.e.deferVarsOnEarlierVars(r.c)
	r.c.PredeclareVars(r.e.session) // funcs of the cell using its body's variables
	if len(r.c.Decls) == 0 {
		return nil
	}
	if err := r.e.checkRedefinitions(r.c, r.c.Src); err != nil {
		return err
	}
	src := r.c.PrintDecls()
	if _, err := r.e.eval(r.ctx, src); err != nil {
		err = compilerPanic(err, src)
		if !errors.As(err, new(interp.Panic)) && !errors.Is(err, context.Canceled) {
			r.e.markBroken(r.c) // it did not compile (a panic is a var's initialiser's)
		}
		return r.e.toError(err, r.c.Src, "compile error")
	}
	r.e.recordDecls(r.c)
	r.e.session.CommitDecls(r.c)
	r.e.nameTypes(r.ctx, r.c)
	return nil
}

// body runs the cell's statements and variable definitions in source
// order: consecutive statements as one generated function, each variable
// definition as package-level var declarations (vars.go).
func (r *cellExec) body() *outcome.Error {
	var group []ast.Stmt
	for _, n := range r.c.Body {
		if s, ok := n.(ast.Stmt); ok {
			group = append(group, s)
			continue
		}
		if err := r.statements(group); err != nil {
			return err
		}
		group = nil
		g := n.(*ast.GenDecl)
		if err := r.defineVars(g); err != nil {
			return err
		}
		for _, s := range g.Specs {
			for _, nm := range s.(*ast.ValueSpec).Names {
				r.e.defined[nm.Name], r.e.vars[nm.Name] = true, true
				r.e.session.CommitVars(r.c, nm.Name)
			}
		}
	}
	return r.statements(group)
}

// cellFunc begins the names of the generated functions that run a cell's
// statements (trace.go shows them as main): cellFunc<cell>_<n>, n counting
// the cell's functions from 1. The name must be new for every function:
// the number of statements in the group is not (two groups of one
// statement around a variable definition had one name), and a function
// redefined under one name must not be what a call relies on. The other
// names the front-end generates (Cell.tmp: _gk_<base><n>, no base "cell")
// cannot take this form.
const cellFunc = frontend.Reserved + "_cell"

// statements runs stmts as the body of a generated function: one Eval
// declares it, one calls it.
func (r *cellExec) statements(stmts []ast.Stmt) *outcome.Error {
	if len(stmts) == 0 {
		return nil
	}
	r.nfunc++
	name := fmt.Sprintf("%s%d_%d", cellFunc, r.e.ncell, r.nfunc)
	if _, err := r.run(r.c.PrintFunc(name, stmts), "compile error"); err != nil {
		return err
	}
	_, err := r.run(name+"()", "panic")
	return err
}

// main calls the cell's func main, renamed by the front-end, once.
func (r *cellExec) main() *outcome.Error {
	if !r.c.HasMain {
		return nil
	}
	return r.runProgram(func() *outcome.Error {
		_, err := r.run(frontend.MainName+"()", "panic")
		return err
	})
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
