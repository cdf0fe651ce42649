package frontend

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
)

// passBuiltins maps Go builtins yaegi lacks or gets wrong to helpers:
//
//	min(a, b...)  => _gk_min(a, b...)   (generic, interpreted; Go 1.21)
//	max(a, b...)  => _gk_max(a, b...)
//	clear(x)      => _gkrt.Clear(x)     (reflect-based; Go 1.21)
//	print(...)    => _gkrt.Print(...)   (to stderr, runtime formatting)
//	println(...)  => _gkrt.Println(...)
//
// min and max arguments are reordered so that typed operands come first and
// constants last, floats before ints: yaegi infers the type parameter from
// the first argument and then rejects min(1, f) with "cannot use type
// float64 as type untyped int"; min and max are commutative, so the order
// does not change the result (except which of two equal NaN-free values is
// returned, which is not observable).
//
// In a constant declaration, a min or max the type checker evaluated is
// replaced by its value (const c = min(4, 9) => const c = 4): yaegi v0.16.1
// gives a constant defined by a call the value 0, without an error.
//
// yaegi behaviour answered: v0.16.1 has no min, max or clear ("undefined:
// min"), and its println and print write to stdout where Go writes to stderr.
// A cell or earlier cell that declares its own min, max, clear, print or
// println keeps it.
func passBuiltins(c *Cell, env Env) error {
	own := func(name string) bool {
		return c.DeclaresAtTop(name) || (env.Defined != nil && env.Defined(name))
	}
	if c.types != nil {
		c.allNodes(func(n ast.Node) bool {
			if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, sp := range g.Specs {
					vs := sp.(*ast.ValueSpec)
					for i := range vs.Values {
						foldMinMax(c.types, &vs.Values[i], own)
					}
				}
			}
			return true
		})
	}
	c.allNodes(func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, ok := call.Fun.(*ast.Ident)
		if !ok || own(fn.Name) {
			return true
		}
		switch fn.Name {
		case "min", "max":
			if call.Ellipsis.IsValid() {
				return true
			}
			fn.Name = map[string]string{"min": MinName, "max": MaxName}[fn.Name]
			call.Args = reorderConstLast(call.Args)
		case "clear", "print", "println":
			f := map[string]RuntimeFunc{"clear": RTClear, "print": RTPrint, "println": RTPrintln}[fn.Name]
			call.Fun = rt(fn.Pos(), f)
		}
		return true
	})
	return nil
}

// foldMinMax replaces the calls of min and max in a constant expression by
// their values, as literals (converted to the constant's type when typed).
func foldMinMax(t *Types, x *ast.Expr, own func(string) bool) {
	switch e := (*x).(type) {
	case *ast.ParenExpr:
		foldMinMax(t, &e.X, own)
	case *ast.UnaryExpr:
		foldMinMax(t, &e.X, own)
	case *ast.BinaryExpr:
		foldMinMax(t, &e.X, own)
		foldMinMax(t, &e.Y, own)
	case *ast.CallExpr:
		for i := range e.Args {
			foldMinMax(t, &e.Args[i], own)
		}
		fn, ok := e.Fun.(*ast.Ident)
		if !ok || fn.Name != "min" && fn.Name != "max" || own(fn.Name) {
			return
		}
		tv, ok := t.Info.Types[e]
		if !ok || tv.Value == nil {
			return
		}
		var lit *ast.BasicLit
		switch v := tv.Value; v.Kind() {
		case constant.Int:
			lit = &ast.BasicLit{Kind: token.INT, Value: v.ExactString()}
		case constant.Float:
			if s := v.String(); constant.Compare(constant.MakeFromLiteral(s, token.FLOAT, 0), token.EQL, v) {
				lit = &ast.BasicLit{Kind: token.FLOAT, Value: s}
			}
		case constant.String:
			lit = &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(constant.StringVal(v))}
		}
		if lit == nil {
			return
		}
		lit.ValuePos = e.Pos()
		var r ast.Expr = lit
		if b, ok := tv.Type.(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
			s, ok := t.Expr(tv.Type)
			if !ok {
				return
			}
			r = &ast.CallExpr{Fun: typeExpr(s, e.Pos()), Lparen: e.Pos(), Args: []ast.Expr{lit}, Rparen: e.End()}
		} else if lit.Kind == token.INT && b.Kind() == types.UntypedFloat {
			lit.Kind, lit.Value = token.FLOAT, lit.Value+".0"
		}
		*x = r
	}
}

func reorderConstLast(args []ast.Expr) []ast.Expr {
	var typed, floats, ints []ast.Expr
	for _, a := range args {
		x := ast.Unparen(a)
		if u, ok := x.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
			x = u.X
		}
		if b, ok := x.(*ast.BasicLit); ok {
			if b.Kind == token.FLOAT {
				floats = append(floats, a)
			} else {
				ints = append(ints, a)
			}
			continue
		}
		typed = append(typed, a)
	}
	return append(append(typed, floats...), ints...)
}
