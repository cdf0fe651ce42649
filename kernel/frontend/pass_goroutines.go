package frontend

import (
	"go/ast"
	"go/token"
)

// passGoroutines starts every goroutine through the kernel's scheduler view:
//
//	go f(x, y)     =>  _gkrt.GoCall(f, x, y)
//	go f(x, ys...) =>  _gkrt.GoCallSlice(f, x, ys)
//	go close(ch)   =>  { _gk_a1 := ch; _gkrt.Go(func() { close(_gk_a1) }) }   (a builtin is no value)
//
// The function value and the arguments are evaluated where the go
// statement stands, as Go specifies, by the call to GoCall itself; GoCall
// starts the goroutine and calls the function there with those values.
//
// yaegi behaviour answered: a panic in an interpreted goroutine kills the
// whole process; GoCall recovers it and reports it in the cell that started
// the goroutine, and counts the goroutines each cell still runs. The values
// travel as arguments, not in variables a closure captures: yaegi gives a
// variable declared in a loop body one slot for all iterations, so a
// goroutine that starts late read a later iteration's value (go worker(i)
// in a loop summed wrong).
func passGoroutines(c *Cell, env Env) error {
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		label, inner := unlabel(s)
		g, ok := inner.(*ast.GoStmt)
		if !ok {
			return []ast.Stmt{s}
		}
		call := g.Call
		if ident, ok := call.Fun.(*ast.Ident); !ok || !isBuiltin(ident.Name) || c.DeclaresAtTop(ident.Name) {
			f := RTGoCall
			if call.Ellipsis.IsValid() {
				f = RTGoCallSlice
			}
			spawn := &ast.CallExpr{Fun: rt(g.Go, f), Args: append([]ast.Expr{call.Fun}, call.Args...)}
			return []ast.Stmt{relabel(label, &ast.ExprStmt{X: spawn})}
		}
		// A builtin: bind its arguments, then call it by name.
		var pre []ast.Stmt
		args := make([]ast.Expr, len(call.Args))
		for i, a := range call.Args {
			switch x := ast.Unparen(a).(type) {
			case *ast.BasicLit:
				args[i] = x
				continue
			}
			name := c.tmp("a")
			pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{id(name)}, TokPos: g.Go, Tok: token.DEFINE, Rhs: []ast.Expr{a}})
			args[i] = id(name)
		}
		body := &ast.CallExpr{Fun: call.Fun, Args: args, Ellipsis: call.Ellipsis}
		spawn := &ast.ExprStmt{X: &ast.CallExpr{
			Fun: rt(g.Go, RTGo),
			Args: []ast.Expr{&ast.FuncLit{
				Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: body}}},
			}},
		}}
		return []ast.Stmt{relabel(label, &ast.BlockStmt{Lbrace: g.Go, List: append(pre, spawn)})}
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
