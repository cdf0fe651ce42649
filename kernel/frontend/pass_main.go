package frontend

import "go/ast"

// passMain renames a declared func main to MainName and records it.
//
// yaegi behaviour answered: after every Eval in package main, yaegi calls
// main again if one is defined, so a pasted program's main would re-run with
// every later cell. Renamed, main is never run by yaegi; the engine calls it
// exactly once, at the end of the cell that declares it (as `go run` runs it
// after the package's declarations). Calls to main() in the cell follow the
// rename.
func passMain(c *Cell, env Env) error {
	for _, d := range c.Decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil && f.Name.Name == "main" {
			f.Name.Name = MainName
			c.HasMain = true
		}
	}
	if !c.HasMain && (env.Defined == nil || !env.Defined(MainName)) {
		return nil
	}
	c.allNodes(func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn, ok := call.Fun.(*ast.Ident); ok && fn.Name == "main" {
				fn.Name = MainName
			}
		}
		return true
	})
	return nil
}
