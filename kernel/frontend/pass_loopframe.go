package frontend

import (
	"go/ast"
)

// passLoopFrame gives each iteration of a loop whose body makes a closure a
// frame of its own:
//
//	for … { body }  =>  for … { func() { body }() }
//
// when the body has no break, continue, goto, return or defer of its own
// (those would change meaning inside a function).
//
// yaegi behaviour answered: yaegi keeps a variable declared in a loop body —
// the per-iteration copy the loopvar pass makes included — in one slot of
// the function's frame for all iterations, so a closure that runs later (a
// goroutine started in the loop) reads a later iteration's value: a fan-out
// of 5,000 goroutines summing their loop variable summed wrong. A call
// makes a new frame each time, hence fresh variables.
func passLoopFrame(c *Cell, env Env) error {
	c.allNodes(func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch n := n.(type) {
		case *ast.ForStmt:
			body = n.Body
		case *ast.RangeStmt:
			body = n.Body
		default:
			return true
		}
		if len(body.List) == 0 || !makesClosure(body) || hasOwnBranches(body) {
			return true
		}
		lit := &ast.FuncLit{
			Type: &ast.FuncType{Func: body.Lbrace, Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{Lbrace: body.Lbrace, List: body.List, Rbrace: body.Rbrace},
		}
		body.List = []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: lit, Lparen: body.Lbrace}}}
		return true
	})
	return nil
}

// makesClosure reports whether a func literal appears in body.
func makesClosure(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			found = true
		}
		return !found
	})
	return found
}

// hasOwnBranches reports a break, continue, goto, return, defer or label
// in body outside nested func literals (a break or continue inside a nested
// loop, switch or select that it targets is fine, but is rare enough here
// to be treated the same).
func hasOwnBranches(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt, *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
			found = true
		}
		return !found
	})
	return found
}
