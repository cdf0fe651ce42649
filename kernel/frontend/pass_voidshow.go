package frontend

import "go/ast"

// passVoidShow makes a cell's trailing call that has no value, such as
// `wg.Wait()`, a statement of the cell's body before the sites pass runs,
// when the checker typed the cell:
//
//	c.Show = wg.Wait()  =>  c.Body += wg.Wait()  (c.Show = nil)
//
// A trailing expression is the cell's Out; the engine tries it as a value
// and, failing that, runs it as a statement it makes then, after the
// passes. Such a statement had no site, so a trailing `wg.Wait()` that
// deadlocked was reported without its line (the deadlock report said only
// "(started in In[n])"), where the same call inside a function had one.
// (No yaegi behaviour: the kernel's own order of work.)
func passVoidShow(c *Cell, env Env) error {
	if c.Show == nil || c.types == nil {
		return nil
	}
	call, ok := ast.Unparen(c.Show).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if tv, ok := c.types.Info.Types[call]; !ok || !tv.IsVoid() {
		return nil
	}
	c.Body = append(c.Body, &ast.ExprStmt{X: c.Show})
	c.Show = nil
	return nil
}
