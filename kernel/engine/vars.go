package engine

// Package-level variables across cells: a cell's top-level `x := e` and
// `var x = e` become package-level variables that later cells see, and the
// passes ask what kind of value an earlier cell's variable holds.
//
// yaegi behaviours answered here:
//   - `var b = a`, where a is a variable an earlier Eval declared, fails with
//     "variable definition loop" (defineVars; deferVarsOnEarlierVars moves
//     such a declaration where defineVars can answer it).
//   - `var x = undefinedThing` fails with "constant definition loop";
//     undefinedIn finds the name Go would call undefined.

import (
	"context"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
)

// deferVarsOnEarlierVars moves a var declaration whose initialiser mentions
// a variable of an earlier cell from the hoisted declarations to the start
// of the body, where defineVars can work around yaegi's "variable definition
// loop" (see there). A func of the same cell that uses such a variable
// finds it declared all the same (frontend's Cell.PredeclareVars, which runs
// after this).
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
func (r *cellExec) defineVars(g *ast.GenDecl) *outcome.Error {
	e, c := r.e, r.c
	_, err := r.run(c.PrintNode(g), "compile error")
	if err != nil && strings.Contains(err.Value, "constant definition loop") {
		// yaegi's word for `var x = undefinedThing`: say what Go says.
		if name, pos := e.undefinedIn(c, g); name != "" {
			line, col := c.Pos(pos)
			fe := &frontend.Error{Kind: "compile error", Line: line, Col: col, Msg: "undefined: " + name}
			return cellError(fe, c.Src)
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
		if _, err := r.run(c.PrintNode(stmt), "compile error"); err != nil {
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
