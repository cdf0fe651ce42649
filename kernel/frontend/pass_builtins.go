package frontend

import (
	"go/ast"
	"go/token"
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
// yaegi behaviour answered: v0.16.1 has no min, max or clear ("undefined:
// min"), and its println and print write to stdout where Go writes to stderr.
// A cell or earlier cell that declares its own min, max, clear, print or
// println keeps it.
func passBuiltins(c *Cell, env Env) error {
	own := func(name string) bool {
		return c.DeclaresAtTop(name) || (env.Defined != nil && env.Defined(name))
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
