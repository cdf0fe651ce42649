package frontend

import (
	"go/ast"
	"go/token"
)

// passSelectAssign rewrites select cases that assign to existing variables,
//
//	case r = <-c:       =>  case _gk_v1 := <-c: r = _gk_v1
//	case r, ok = <-c:   =>  case _gk_v1, _gk_ok2 := <-c: r, ok = _gk_v1, _gk_ok2
//
// yaegi behaviour answered: yaegi v0.16.1 fails such a select at run time
// with "reflect.Select: invalid Dir"; cases that define variables work.
func passSelectAssign(c *Cell, env Env) error {
	c.allNodes(func(n ast.Node) bool {
		cc, ok := n.(*ast.CommClause)
		if !ok {
			return true
		}
		a, ok := cc.Comm.(*ast.AssignStmt)
		if !ok || a.Tok != token.ASSIGN || len(a.Rhs) != 1 {
			return true
		}
		var tmps []ast.Expr
		for range a.Lhs {
			tmps = append(tmps, id(c.tmp("v")))
		}
		cc.Comm = &ast.AssignStmt{Lhs: tmps, TokPos: a.TokPos, Tok: token.DEFINE, Rhs: a.Rhs}
		cc.Body = append([]ast.Stmt{assign(a.Lhs, tmps)}, cc.Body...)
		return true
	})
	return nil
}
