package frontend

import (
	"go/ast"
)

// passDeferArgs evaluates the arguments of a deferred call at the defer
// statement, as Go does, by binding each one that is not a literal to a
// fresh variable first:
//
//	defer fmt.Println("x =", x)
//	=> _gk_a1 := x; defer fmt.Println("x =", _gk_a1)
//
// yaegi behaviour answered: yaegi v0.16.1 binds a deferred call's arguments
// to the variables they name, not to their values (measured: x := 1; defer
// fmt.Println(x); x = 2 prints 2, and a defer in a loop prints the last
// value for every iteration); a variable declared just before the defer
// statement is fresh per execution, so the deferred call sees its own
// value. Literal arguments stay in place, so untyped constants keep
// adapting to the parameter type (time.Sleep(10)). A deferred function
// literal without arguments is left alone: it captures variables, which is
// the Go semantics, but in a loop yaegi shows it the last iteration's
// variables (a known limit; binding the closure to a variable first makes
// yaegi run only one of the deferred calls).
func passDeferArgs(c *Cell, env Env) error {
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			return []ast.Stmt{s}
		}
		var pre []ast.Stmt
		for i, a := range d.Call.Args {
			if isLiteral(a) {
				continue
			}
			if _, ok := a.(*ast.FuncLit); ok {
				continue
			}
			name := c.tmp("a")
			pre = append(pre, define([]ast.Expr{id(name)}, []ast.Expr{a}))
			d.Call.Args[i] = &ast.Ident{NamePos: a.Pos(), Name: name}
		}
		return append(pre, d)
	})
	return nil
}

func isLiteral(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.BasicLit:
		return true
	case *ast.UnaryExpr:
		return isLiteral(x.X)
	case *ast.BinaryExpr:
		return isLiteral(x.X) && isLiteral(x.Y)
	}
	return false
}
