package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
)

// passVarTypes writes out the type of a package-level variable whose
// initializer calls a generic function (a top-level `ks := slices.Sorted(…)`
// is such a variable: see Cell.Body), with the type the checker found:
//
//	y := slices.Clone(x)   =>  var y []int = slices.Clone(x)
//
// yaegi behaviour answered (v0.16.1): its global type analysis (gta.go)
// cannot type a package-level variable initialized by a generic call that
// takes another package-level variable, and gives up with "constant
// definition loop" (`x := []int{3, 1}` then `y := slices.Clone(x)`, in one
// cell or two); with the variable's type written out it runs. Variables
// whose type the cell cannot write (Types.Expr) are left alone.
func passVarTypes(c *Cell, env Env) error {
	t := c.types
	if t == nil {
		return nil
	}
	fix := func(n ast.Node) {
		g, ok := n.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			return
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Names) != 1 || len(vs.Values) != 1 || !callsGeneric(t, vs.Values[0]) {
				continue
			}
			obj := t.Info.Defs[vs.Names[0]]
			if obj == nil {
				continue
			}
			if s, ok := t.Expr(obj.Type()); ok {
				vs.Type = typeExpr(s, vs.Names[0].End())
			}
		}
	}
	for _, d := range c.Decls {
		fix(d)
	}
	for _, n := range c.Body {
		fix(n)
	}
	return nil
}

// callsGeneric reports whether x calls a generic function (outside any
// function literal, whose body gta does not type).
func callsGeneric(t *Types, x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if _, ok := t.Info.Instances[n]; ok {
				if _, isFunc := t.Info.Uses[n].(*types.Func); isFunc {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
