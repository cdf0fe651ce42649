package frontend

import (
	"go/ast"
	"go/token"
)

// passRangeChanElems rewrites a two-variable range over a slice whose
// elements are channels into an index loop:
//
//	for i, c := range cs { body }  =>  for i := range cs { c := cs[i]; body }
//
// yaegi behaviour answered: yaegi v0.16.1 fails a range over a slice of
// channels ([]chan T, []<-chan T, or a variadic ...<-chan T parameter) at
// run time with "reflect: call of reflect.Value.Len on int Value" (it treats
// the loop as a range over a channel). Only slices declared in the cell with
// a visible channel element type are recognised (no type checker).
func passRangeChanElems(c *Cell, env Env) error {
	inf := newIntInfer(c, env)
	isChanSlice := func(x ast.Expr) bool {
		id, ok := x.(*ast.Ident)
		if !ok {
			return false
		}
		for _, d := range inf.decls[id.Name] {
			switch t := d.(type) {
			case *ast.Ellipsis:
				_, ok := t.Elt.(*ast.ChanType)
				return ok
			case *ast.ArrayType:
				_, ok := t.Elt.(*ast.ChanType)
				return ok
			case *ast.CompositeLit:
				if at, ok := t.Type.(*ast.ArrayType); ok {
					_, ok := at.Elt.(*ast.ChanType)
					return ok
				}
			case *ast.CallExpr:
				if fn, ok := t.Fun.(*ast.Ident); ok && fn.Name == "make" && len(t.Args) > 0 {
					if at, ok := t.Args[0].(*ast.ArrayType); ok {
						_, ok := at.Elt.(*ast.ChanType)
						return ok
					}
				}
			}
		}
		return false
	}
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		_, inner := unlabel(s)
		r, ok := inner.(*ast.RangeStmt)
		if !ok || r.Value == nil || r.Tok != token.DEFINE || !isChanSlice(r.X) {
			return []ast.Stmt{s}
		}
		if v, ok := r.Value.(*ast.Ident); ok && v.Name == "_" {
			r.Value = nil
			return []ast.Stmt{s}
		}
		k, ok := r.Key.(*ast.Ident)
		if !ok || k.Name == "_" {
			k = id(c.tmp("k"))
			r.Key = k
		}
		elem := &ast.IndexExpr{X: id(r.X.(*ast.Ident).Name), Index: id(k.Name)}
		r.Body.List = append([]ast.Stmt{define([]ast.Expr{r.Value}, []ast.Expr{elem})}, r.Body.List...)
		r.Value = nil
		return []ast.Stmt{s}
	})
	return nil
}
