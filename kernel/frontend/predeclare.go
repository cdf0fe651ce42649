package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
)

// PredeclareVars declares, among the hoisted declarations, the variables
// of the cell's body that a hoisted declaration uses, with the types the
// checker found and no value, and turns their definitions in the body into
// assignments at the same place:
//
//	mailbox := make(chan string, 1)      var mailbox chan string   (Decls)
//	func tryReceive() { … <-mailbox … }  func tryReceive() { … }   (Decls)
//	                                 =>  mailbox = make(chan string, 1)  (Body)
//
// Go declares every package-level name before it runs anything, so a func
// of the cell may use a variable that a later line of the cell defines;
// the engine runs the hoisted declarations first, before the body defines
// the variable.
//
// yaegi behaviour answered (v0.16.1): a func compiled before a variable it
// uses is declared fails with "undefined: mailbox", and one that receives
// from it in a select case (`case m := <-mailbox:`) panics in the compiler
// with "incomplete type mailbox", leaving the func defined and broken.
//
// A name that is already a variable of an earlier cell with the same type
// (s.Var) is not declared again, only assigned: statements of the cell
// before its definition still see the earlier value, as they did, and the
// func uses the one variable. (Before, such a func was compiled against the
// earlier variable and the body's definition replaced it: the func kept
// reading a stale value.)
//
// The engine calls it after it moved var declarations to the body
// (Engine.deferVarsOnEarlierVars), so that those are covered too. A spec
// is left alone (the interpreter's error stays) when the checker did not
// type the cell, when the type of one of its names cannot be written in
// the cell (Types.Expr), or when the cell declares one of its names twice.
func (c *Cell) PredeclareVars(s *Session) {
	t := c.types
	if t == nil {
		return
	}
	used := map[string]bool{}
	declared := map[string]int{}
	for _, d := range c.Decls {
		ast.Inspect(d, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				ast.Inspect(n.X, func(x ast.Node) bool {
					if id, ok := x.(*ast.Ident); ok {
						used[id.Name] = true
					}
					return true
				})
				return false
			case *ast.Ident:
				used[n.Name] = true
			}
			return true
		})
		for _, n := range declNames(d) {
			declared[n]++
		}
	}
	for _, n := range c.Body {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, sp := range g.Specs {
				for _, nm := range sp.(*ast.ValueSpec).Names {
					declared[nm.Name]++
				}
			}
		}
	}
	var pre []ast.Decl
	var body []ast.Node
	converted := false
	for _, n := range c.Body {
		g, ok := n.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			body = append(body, n)
			continue
		}
		var rest []ast.Spec
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			decl, ok := predeclare(t, s, vs, used, declared)
			if !ok {
				rest = append(rest, sp)
				continue
			}
			if len(rest) > 0 {
				body = append(body, &ast.GenDecl{TokPos: g.TokPos, Tok: token.VAR, Specs: rest})
				rest = nil
			}
			converted = true
			if decl != nil {
				pre = append(pre, decl)
			}
			if len(vs.Values) > 0 {
				lhs := make([]ast.Expr, len(vs.Names))
				for i, nm := range vs.Names {
					lhs[i] = nm
				}
				body = append(body, &ast.AssignStmt{Lhs: lhs, TokPos: vs.Pos(), Tok: token.ASSIGN, Rhs: vs.Values})
			}
		}
		if len(rest) == len(g.Specs) {
			body = append(body, g)
		} else if len(rest) > 0 {
			body = append(body, &ast.GenDecl{TokPos: g.TokPos, Tok: token.VAR, Specs: rest})
		}
	}
	if !converted {
		return
	}
	c.Decls = append(pre, c.Decls...)
	c.Body = body
}

// predeclare is the typed declaration without value of vs's names, when a
// hoisted declaration uses one of them and every one can be declared so;
// names the session has as variables of the same type are left out (nil
// when that is all of them).
func predeclare(t *Types, s *Session, vs *ast.ValueSpec, used map[string]bool, declared map[string]int) (ast.Decl, bool) {
	any := false
	for _, nm := range vs.Names {
		any = any || (nm.Name != "_" && used[nm.Name])
	}
	if !any {
		return nil, false
	}
	g := &ast.GenDecl{TokPos: vs.Pos(), Tok: token.VAR}
	for _, nm := range vs.Names {
		if nm.Name == "_" {
			continue
		}
		obj := t.Info.Defs[nm]
		if obj == nil || declared[nm.Name] != 1 {
			return nil, false
		}
		if s != nil {
			if _, had := s.Var(nm.Name); had != "" && had == types.TypeString(obj.Type(), func(p *types.Package) string {
				if p.Path() == UserPkg {
					return ""
				}
				return p.Name()
			}) {
				continue // assigned, not declared again
			}
		}
		str, ok := t.Expr(obj.Type())
		if !ok {
			return nil, false
		}
		typ := typeExpr(str, nm.End())
		if typ == nil {
			return nil, false
		}
		g.Specs = append(g.Specs, &ast.ValueSpec{Names: []*ast.Ident{{NamePos: nm.Pos(), Name: nm.Name}}, Type: typ})
	}
	if len(g.Specs) == 0 {
		return nil, true
	}
	return g, true
}
