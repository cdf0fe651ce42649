package frontend

import (
	"go/ast"
	"go/token"
)

// setPos puts every node of n at pos: for code the kernel writes from text
// (a type the checker names), whose positions would otherwise belong to
// another file set and confuse the printer's line table.
func setPos(n ast.Node, pos token.Pos) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			n.NamePos = pos
		case *ast.BasicLit:
			n.ValuePos = pos
		case *ast.StarExpr:
			n.Star = pos
		case *ast.ArrayType:
			n.Lbrack = pos
		case *ast.MapType:
			n.Map = pos
		case *ast.ChanType:
			n.Begin, n.Arrow = pos, token.NoPos
			if n.Dir == ast.RECV {
				n.Arrow = pos
			}
		case *ast.FuncType:
			n.Func = pos
		case *ast.FieldList:
			n.Opening, n.Closing = pos, pos
		case *ast.StructType:
			n.Struct = pos
		case *ast.InterfaceType:
			n.Interface = pos
		case *ast.IndexExpr:
			n.Lbrack, n.Rbrack = pos, pos
		case *ast.IndexListExpr:
			n.Lbrack, n.Rbrack = pos, pos
		case *ast.Ellipsis:
			n.Ellipsis = pos
		case *ast.ParenExpr:
			n.Lparen, n.Rparen = pos, pos
		case *ast.UnaryExpr:
			n.OpPos = pos
		case *ast.BinaryExpr:
			n.OpPos = pos
		case *ast.CallExpr:
			n.Lparen, n.Rparen = pos, pos
		case *ast.SelectorExpr, *ast.Field:
		}
		return true
	})
}
