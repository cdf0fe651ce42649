package frontend

import "go/ast"

// passRecover gives recover() the value Go's recover returns:
//
//	recover()  =>  _gkrt.Recover(recover())
//
// yaegi behaviour answered: yaegi's recover returns the reflect.Value of
// the panicked value (so r.(error) fails and %T says reflect.Value), and a
// run-time panic (a bad index, a nil pointer) in reflect's words, as a
// string; Go gives the value itself, and a runtime.Error in its own words.
// A cell or earlier cell that declares its own recover keeps it.
func passRecover(c *Cell, env Env) error {
	if c.DeclaresAtTop("recover") || env.Defined != nil && env.Defined("recover") {
		return nil
	}
	c.allNodes(func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == string(RTRecover) {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == RuntimePkg {
				return false // already wrapped
			}
		}
		for i, a := range call.Args {
			if isRecoverCall(a) {
				call.Args[i] = wrapRecover(a.(*ast.CallExpr))
			}
		}
		return true
	})
	// recover() anywhere else: as a statement, an assignment's value, a
	// condition's init.
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, r := range n.Rhs {
				if isRecoverCall(r) {
					n.Rhs[i] = wrapRecover(r.(*ast.CallExpr))
				}
			}
		case *ast.ValueSpec:
			for i, r := range n.Values {
				if isRecoverCall(r) {
					n.Values[i] = wrapRecover(r.(*ast.CallExpr))
				}
			}
		case *ast.ReturnStmt:
			for i, r := range n.Results {
				if isRecoverCall(r) {
					n.Results[i] = wrapRecover(r.(*ast.CallExpr))
				}
			}
		case *ast.BinaryExpr:
			if isRecoverCall(n.X) {
				n.X = wrapRecover(n.X.(*ast.CallExpr))
			}
			if isRecoverCall(n.Y) {
				n.Y = wrapRecover(n.Y.(*ast.CallExpr))
			}
		}
		return true
	})
	return nil
}

func isRecoverCall(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	fn, ok := call.Fun.(*ast.Ident)
	return ok && fn.Name == "recover"
}

func wrapRecover(call *ast.CallExpr) *ast.CallExpr {
	return &ast.CallExpr{Fun: rt(call.Pos(), RTRecover), Lparen: call.Lparen, Args: []ast.Expr{call}, Rparen: call.Rparen}
}
