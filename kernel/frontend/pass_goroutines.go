package frontend

import (
	"go/ast"
	"go/token"
)

// passGoroutines starts every goroutine through the kernel's scheduler view:
//
//	go f(x, y)  =>  { _gk_f1 := f; _gk_a2, _gk_a3 := x, y; _gkrt.Go(func() { _gk_f1(_gk_a2, _gk_a3) }) }
//
// The function value and the arguments are evaluated where the go statement
// stands, as Go specifies; literals and func literals need no binding (and
// binding an untyped constant would give it its default type). A builtin
// such as close or println is called by name.
//
// yaegi behaviour answered: a panic in an interpreted goroutine kills the
// whole process. _gkrt.Go recovers it and reports it in the cell that started
// the goroutine, and counts the goroutines each cell still runs.
func passGoroutines(c *Cell, env Env) error {
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		label, inner := unlabel(s)
		g, ok := inner.(*ast.GoStmt)
		if !ok {
			return []ast.Stmt{s}
		}
		var pre []ast.Stmt
		bind := func(x ast.Expr) ast.Expr {
			switch x := ast.Unparen(x).(type) {
			case *ast.BasicLit, *ast.FuncLit:
				return x
			case *ast.Ident:
				switch x.Name {
				case "nil", "true", "false", "iota":
					return x
				}
			}
			name := c.tmp("a")
			pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{id(name)}, TokPos: g.Go, Tok: token.DEFINE, Rhs: []ast.Expr{x}})
			return id(name)
		}
		call := g.Call
		fun := call.Fun
		if ident, ok := fun.(*ast.Ident); !ok || !isBuiltin(ident.Name) || c.declaredAtTop(ident.Name) {
			fun = bind(fun)
		}
		args := make([]ast.Expr, len(call.Args))
		for i, a := range call.Args {
			args[i] = bind(a)
		}
		body := &ast.CallExpr{Fun: fun, Args: args, Ellipsis: call.Ellipsis}
		spawn := &ast.ExprStmt{X: &ast.CallExpr{
			Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: g.Go, Name: RuntimePkg}, Sel: id("Go")},
			Args: []ast.Expr{&ast.FuncLit{
				Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: body}}},
			}},
		}}
		block := &ast.BlockStmt{Lbrace: g.Go, List: append(pre, spawn)}
		return []ast.Stmt{relabel(label, block)}
	})
	return nil
}

func isBuiltin(name string) bool {
	switch name {
	case "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
		"max", "min", "new", "panic", "print", "println", "real", "recover":
		return true
	}
	return false
}
