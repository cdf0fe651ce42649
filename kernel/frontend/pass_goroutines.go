package frontend

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// passGoroutines starts every goroutine through the kernel's scheduler view:
//
//	go f(x, y)     =>  _gkrt.GoCall("In[3]:5", "f", f, x, y)
//	go f(x, ys...) =>  _gkrt.GoCallSlice("In[3]:5", "f", f, x, ys)
//	go close(ch)   =>  { _gk_a1 := ch; _gkrt.Go("In[3]:5", "close", func() { close(_gk_a1) }) }   (a builtin is no value)
//
// The first two arguments say where the go statement stands (Env.Cell and
// the cell's line; "" when the cell is unknown) and what it calls, as
// constants: the Go stacks of an interpreted goroutine are the
// interpreter's, so the runtime names the goroutine from them (%%timeline's
// lanes, see package timeline).
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
		where, name := goWhere(c, env, g), goName(c, call.Fun)
		if ident, ok := call.Fun.(*ast.Ident); !ok || !isBuiltin(ident.Name) || c.DeclaresAtTop(ident.Name) {
			f := RTGoCall
			if call.Ellipsis.IsValid() {
				f = RTGoCallSlice
			}
			spawn := &ast.CallExpr{Fun: rt(g.Go, f), Args: append([]ast.Expr{where, name, call.Fun}, call.Args...)}
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
			Args: []ast.Expr{where, name, &ast.FuncLit{
				Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: body}}},
			}},
		}}
		return []ast.Stmt{relabel(label, &ast.BlockStmt{Lbrace: g.Go, List: append(pre, spawn)})}
	})
	return nil
}

// goWhere is the position of a go statement, "In[3]:5", as a string
// literal; "" when the cell is unknown (a declaration restored into a new
// worker).
func goWhere(c *Cell, env Env, g *ast.GoStmt) *ast.BasicLit {
	where := ""
	if env.Cell != "" {
		line, _ := c.Pos(g.Go)
		where = env.Cell + ":" + strconv.Itoa(line)
	}
	return &ast.BasicLit{ValuePos: g.Go, Kind: token.STRING, Value: strconv.Quote(where)}
}

// goName is what a go statement calls, as a string literal: the function's
// expression as written ("worker", "s.run"), "func literal" for a function
// literal.
func goName(c *Cell, fn ast.Expr) *ast.BasicLit {
	name := "func literal"
	if _, ok := ast.Unparen(fn).(*ast.FuncLit); !ok {
		name = strings.Join(strings.Fields(c.Text(fn)), " ")
		if len(name) > 40 {
			name = name[:37] + "..."
		}
	}
	return &ast.BasicLit{ValuePos: fn.Pos(), Kind: token.STRING, Value: strconv.Quote(name)}
}

func isBuiltin(name string) bool {
	switch name {
	case "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
		"max", "min", "new", "panic", "print", "println", "real", "recover":
		return true
	}
	return false
}
