package frontend

// The two ways a pass copies an expression it must write twice (a
// bounds check's len(a), an interface pass's operand in each case).

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
)

// cloneExpr copies a pure expression (see pure) and what the passes put in
// one.
func cloneExpr(x ast.Expr) ast.Expr {
	switch x := x.(type) {
	case nil:
		return nil
	case *ast.Ident:
		c := *x
		return &c
	case *ast.BasicLit:
		c := *x
		return &c
	case *ast.ParenExpr:
		c := *x
		c.X = cloneExpr(x.X)
		return &c
	case *ast.SelectorExpr:
		c := *x
		c.X = cloneExpr(x.X)
		c.Sel = cloneExpr(x.Sel).(*ast.Ident)
		return &c
	case *ast.StarExpr:
		c := *x
		c.X = cloneExpr(x.X)
		return &c
	case *ast.UnaryExpr:
		c := *x
		c.X = cloneExpr(x.X)
		return &c
	case *ast.BinaryExpr:
		c := *x
		c.X, c.Y = cloneExpr(x.X), cloneExpr(x.Y)
		return &c
	case *ast.IndexExpr:
		c := *x
		c.X, c.Index = cloneExpr(x.X), cloneExpr(x.Index)
		return &c
	case *ast.SliceExpr:
		c := *x
		c.X, c.Low, c.High, c.Max = cloneExpr(x.X), cloneExpr(x.Low), cloneExpr(x.High), cloneExpr(x.Max)
		return &c
	case *ast.CallExpr:
		c := *x
		c.Fun = cloneExpr(x.Fun)
		c.Args = make([]ast.Expr, len(x.Args))
		for i, a := range x.Args {
			c.Args[i] = cloneExpr(a)
		}
		return &c
	case *ast.ArrayType:
		c := *x
		c.Len, c.Elt = cloneExpr(x.Len), cloneExpr(x.Elt)
		return &c
	}
	return x // a type expression of a conversion: shared, never changed
}

// cloneExprAt copies an expression the cell wrote (a type), by printing and
// parsing it, every node at pos.
func cloneExprAt(fset *token.FileSet, x ast.Expr, pos token.Pos) ast.Expr {
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, x); err != nil {
		return nil
	}
	e, err := parser.ParseExpr(b.String())
	if err != nil {
		return nil
	}
	setPos(e, pos)
	return e
}
