package frontend

import (
	"go/ast"
	"go/token"
)

// passClosureArg hoists a function literal passed directly as an argument of
// a call into a variable declared just before the statement:
//
//	time.AfterFunc(d, func() { use(i) })
//	=> _gk_f1 := func() { use(i) }; time.AfterFunc(d, _gk_f1)
//
// Creating a closure has no side effect, so the order of evaluation is kept.
//
// yaegi behaviour answered: a function literal handed straight to compiled
// code (time.AfterFunc, sync.Once.Do, http.HandleFunc...) in a loop sees the
// variables of the last iteration, even with one variable per iteration
// (measured: prints 2 2 2); the same closure assigned to a variable first
// sees its own iteration's variables. Only function bodies are rewritten
// (where a statement list exists): calls in top-level variable definitions
// are left as they are.
func passClosureArg(c *Cell, env Env) error {
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		var pre []ast.Stmt
		hoist := func(call *ast.CallExpr) {
			if call == nil {
				return
			}
			for i, a := range call.Args {
				if fl, ok := a.(*ast.FuncLit); ok {
					name := c.tmp("f")
					// The names carry the literal's position: without one the
					// printer misplaces the hoisted statement, and the chunk's
					// line table gives it the line before the literal's.
					pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: fl.Pos(), Name: name}}, Tok: token.DEFINE, TokPos: fl.Pos(), Rhs: []ast.Expr{fl}})
					call.Args[i] = &ast.Ident{NamePos: call.Lparen, Name: name}
				}
			}
		}
		asCall := func(x ast.Expr) *ast.CallExpr {
			c, _ := ast.Unparen(x).(*ast.CallExpr)
			return c
		}
		switch s := s.(type) {
		case *ast.ExprStmt:
			hoist(asCall(s.X))
		case *ast.AssignStmt:
			for _, r := range s.Rhs {
				hoist(asCall(r))
			}
		case *ast.GoStmt:
			hoist(s.Call)
		case *ast.DeferStmt:
			hoist(s.Call)
		}
		return append(pre, s)
	})
	return nil
}
