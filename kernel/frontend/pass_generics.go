package frontend

import (
	"go/ast"
	"go/types"
)

// passGenerics writes out what the type checker inferred in calls of
// generic functions, before the interpreter has to infer it:
//
//	Map(xs, func(i int) string { … })  =>  Map[int, string](xs, func(i int) string { … })
//	MaxOf(3, 9, 2)                     =>  MaxOf[int](3, 9, 2)
//	cmp.Compare(1.5, 2.5)              =>  cmp.Compare(float64(1.5), float64(2.5))
//
// The type arguments of a call of a generic function are made explicit
// (completed, when some are given): always for the cell's and earlier
// cells' functions; for the standard library's (the kernel's generic
// sources, which the checker reads as the interpreter compiles them) when
// no type argument is a type parameter of an enclosing generic function. A
// constant argument of any generic call gets the type the checker gave it:
// an untyped constant its default type (or the type inference chose), a
// typed one its own.
//
// yaegi behaviours answered (measured on v0.16.1): inference from a func
// literal argument binds the wrong type ("cannot use type func(int) string
// as type func(int) int"); a type parameter that only a variadic parameter
// mentions is not inferred ("undefined type for T" for Count[T any](xs
// ...T), MaxOf[T cmp.Ordered](xs ...T)); an argument of an instantiated
// generic type binds the parameter to the whole type (Filter(Count(10), f)
// with Filter[V any](s Seq[V], …): "cannot use type func(func(int) bool) as
// type func(func(func(func(int) bool)) bool)"); a slice a compiled function
// returned crashes inference (slices.Sort(strings.Fields(s)): "CFG
// post-order panic: nil pointer dereference"); an untyped constant does not
// satisfy a constraint ("untyped float does not implement cmp.Ordered").
// With explicit type arguments and typed constants each of these runs. The
// exception measured the other way: slices.SortFunc[Pair[K, V]](…) inside a
// generic function fails ("invalid memory address or nil pointer
// dereference") where inference works, hence the rule for the standard
// library.
//
// Generic functions used as values (not called) are left alone. A type the
// cell cannot write (a package it does not import, an unexported type of
// another package, a name the cell shadows) leaves the call as it is.
func passGenerics(c *Cell, env Env) error {
	t := c.types
	if t == nil {
		return nil
	}
	c.allNodes(func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fun, given := call.Fun, 0
		switch f := ast.Unparen(call.Fun).(type) {
		case *ast.IndexExpr:
			fun, given = f.X, 1
		case *ast.IndexListExpr:
			fun, given = f.X, len(f.Indices)
		}
		var ident *ast.Ident
		switch f := ast.Unparen(fun).(type) {
		case *ast.Ident:
			ident = f
		case *ast.SelectorExpr:
			ident = f.Sel
		default:
			return true
		}
		inst, ok := t.Info.Instances[ident]
		if !ok {
			return true
		}
		if _, isFunc := t.Info.Uses[ident].(*types.Func); !isFunc {
			return true // a conversion to a generic type
		}
		typedConstants(t, call)
		obj := t.Info.Uses[ident]
		if obj.Pkg() == nil || given == inst.TypeArgs.Len() {
			return true
		}
		if obj.Pkg().Path() != "main" && mentionsTypeParam(inst.TypeArgs) {
			return true // measured: slices.SortFunc[Pair[K, V]] in a generic function fails
		}
		var args []ast.Expr
		for i := range inst.TypeArgs.Len() {
			s, ok := t.Expr(inst.TypeArgs.At(i))
			if !ok {
				return true
			}
			args = append(args, typeExpr(s, fun.End()))
		}
		if len(args) == 1 {
			call.Fun = &ast.IndexExpr{X: fun, Lbrack: fun.End(), Index: args[0], Rbrack: fun.End()}
		} else {
			call.Fun = &ast.IndexListExpr{X: fun, Lbrack: fun.End(), Indices: args, Rbrack: fun.End()}
		}
		return true
	})
	return nil
}

// typedConstants converts the constant arguments of a generic call to the
// types the checker gave them.
func typedConstants(t *Types, call *ast.CallExpr) {
	for i, a := range call.Args {
		tv, ok := t.Info.Types[a]
		if !ok || tv.Value == nil || !tv.IsValue() {
			continue
		}
		s, ok := t.Expr(tv.Type)
		if !ok {
			continue
		}
		call.Args[i] = &ast.CallExpr{Fun: typeExpr(s, a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
	}
}

// mentionsTypeParam reports whether a type argument list mentions a type
// parameter (inside a generic function).
func mentionsTypeParam(args *types.TypeList) bool {
	found := false
	for i := range args.Len() {
		var visit func(t types.Type, depth int)
		visit = func(t types.Type, depth int) {
			if found || depth > 16 {
				return
			}
			switch t := t.(type) {
			case *types.TypeParam:
				found = true
			case *types.Named:
				if ta := t.TypeArgs(); ta != nil {
					for j := range ta.Len() {
						visit(ta.At(j), depth+1)
					}
				}
			case *types.Pointer:
				visit(t.Elem(), depth+1)
			case *types.Slice:
				visit(t.Elem(), depth+1)
			case *types.Array:
				visit(t.Elem(), depth+1)
			case *types.Map:
				visit(t.Key(), depth+1)
				visit(t.Elem(), depth+1)
			case *types.Chan:
				visit(t.Elem(), depth+1)
			case *types.Signature:
				for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
					for j := range tup.Len() {
						visit(tup.At(j).Type(), depth+1)
					}
				}
			case *types.Struct:
				for j := range t.NumFields() {
					visit(t.Field(j).Type(), depth+1)
				}
			}
		}
		visit(args.At(i), 0)
	}
	return found
}
