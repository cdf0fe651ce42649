package frontend

import (
	"go/ast"
	"go/types"
)

// UseOf is the first identifier of the cell, in source order, that names
// one of names as a package-level name: not a field or method selected
// (x.f), not a composite literal's key, not a declaration, and, where the
// type checker resolved it, not a local or a field. An identifier the
// checker could not resolve (undefined) counts. nil when there is none.
func (c *Cell) UseOf(names map[string]bool) *ast.Ident {
	if len(names) == 0 {
		return nil
	}
	var info *types.Info
	if c.check != nil {
		info = c.check.Info
	}
	var first *ast.Ident
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, visit)
			return false
		case *ast.KeyValueExpr:
			if _, ok := n.Key.(*ast.Ident); ok {
				ast.Inspect(n.Value, visit)
				return false
			}
		case *ast.FuncDecl:
			if n.Recv != nil {
				ast.Inspect(n.Recv, visit)
			}
			ast.Inspect(n.Type, visit)
			if n.Body != nil {
				ast.Inspect(n.Body, visit)
			}
			return false
		case *ast.Ident:
			if !names[n.Name] || (first != nil && first.Pos() <= n.Pos()) {
				return true
			}
			if info != nil {
				if _, def := info.Defs[n]; def {
					return true
				}
				if obj := info.Uses[n]; obj != nil && (obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope()) {
					return true
				}
			}
			first = n
		}
		return true
	}
	for _, d := range c.Decls {
		ast.Inspect(d, visit)
	}
	for _, n := range c.Body {
		ast.Inspect(n, visit)
	}
	if c.Show != nil {
		ast.Inspect(c.Show, visit)
	}
	return first
}
