package frontend

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"strings"
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
// In the body of a generic function, a composite literal of an instance of
// a generic struct type becomes a func literal that fills a variable field
// by field (an element-less literal, a zero value, included):
//
//	return Pair[K, V]{k, v}    =>  return func() (r Pair[K, V]) { r.Key = k; r.Val = v; return }()
//	&element[T]{val: v}        =>  func() *element[T] { var r element[T]; r.val = v; return &r }()
//
// yaegi behaviour answered (measured on v0.16.1): two generic functions
// instantiated with the same type arguments, each writing a literal of the
// same generic type (MakePair returning Pair[K, V]{Key: k, Val: v}, Pairs
// appending Pair[K, V]{k, v}), share that literal's frame slots: the call
// panics ("invalid memory address or nil pointer dereference", "index out
// of range [4] with length 4", "reflect.Set: value of type int is not
// assignable to type string") unless every argument happened to be an
// untyped constant. Filled field by field the same functions run.
//
// A generic function used as a value (not called) becomes a func literal
// that calls it with the type arguments the checker found:
//
//	f := SumMap[string, int]   =>  f := func(_gk_a1 map[string]int) int { return SumMap[string, int](_gk_a1) }
//	var g func([]int) int = Sum    =>  … = func(_gk_a1 []int) int { return Sum[int](_gk_a1) }
//
// yaegi behaviour answered (v0.16.1): an instantiated generic function as a
// value fails to compile ("not a generic type: func(map[main.K]main.V)
// main.V"); a call of it compiles. A type the
// cell cannot write (a package it does not import, an unexported type of
// another package, a name the cell shadows) leaves the call as it is.
func passGenerics(c *Cell, env Env) error {
	t := c.types
	if t == nil {
		return nil
	}
	genericLiterals(c, t)
	funcValues(c, t)
	aliasInstances(c, t)
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

// aliasInstances writes each instance of a generic alias as the type it
// stands for (see passGenerics).
func aliasInstances(c *Cell, t *Types) {
	replace := func(x ast.Expr) ast.Expr {
		var fun ast.Expr
		switch e := x.(type) {
		case *ast.IndexExpr:
			fun = e.X
		case *ast.IndexListExpr:
			fun = e.X
		default:
			return nil
		}
		var ident *ast.Ident
		switch f := fun.(type) {
		case *ast.Ident:
			ident = f
		case *ast.SelectorExpr:
			ident = f.Sel
		default:
			return nil
		}
		tn, ok := t.Info.Uses[ident].(*types.TypeName)
		if !ok || !tn.IsAlias() {
			return nil
		}
		a, ok := tn.Type().(*types.Alias)
		if !ok || a.TypeParams().Len() == 0 {
			return nil
		}
		tv, ok := t.Info.Types[x]
		if !ok || !tv.IsType() {
			return nil
		}
		s, ok := t.Expr(types.Unalias(tv.Type))
		if !ok {
			return nil
		}
		return typeExpr(s, x.Pos())
	}
	for _, d := range c.Decls {
		replaceAllExprs(d, replace)
	}
	for _, n := range c.Body {
		replaceAllExprs(n, replace)
	}
	if c.Show != nil {
		if r := replace(c.Show); r != nil {
			c.Show = r
		} else {
			replaceAllExprs(c.Show, replace)
		}
	}
}

// replaceAllExprs replaces, in every node under root, each child expression
// for which f returns a replacement (and does not look inside that one).
func replaceAllExprs(root ast.Node, f func(ast.Expr) ast.Expr) {
	exprType := reflect.TypeFor[ast.Expr]()
	ast.Inspect(root, func(n ast.Node) bool {
		v := reflect.ValueOf(n)
		if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
			return true
		}
		v = v.Elem()
		for i := range v.NumField() {
			fv := v.Field(i)
			switch {
			case fv.Type() == exprType && !fv.IsNil():
				if r := f(fv.Interface().(ast.Expr)); r != nil {
					fv.Set(reflect.ValueOf(r))
				}
			case fv.Kind() == reflect.Slice && fv.Type().Elem() == exprType:
				for j := range fv.Len() {
					if el := fv.Index(j); !el.IsNil() {
						if r := f(el.Interface().(ast.Expr)); r != nil {
							el.Set(reflect.ValueOf(r))
						}
					}
				}
			}
		}
		return true
	})
}

// funcValues rewrites the generic functions used as values into func
// literals calling them (see passGenerics).
func funcValues(c *Cell, t *Types) {
	called := map[ast.Expr]bool{}
	c.allNodes(func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			called[ast.Unparen(call.Fun)] = true
		}
		return true
	})
	fix := func(x *ast.Expr) {
		e := ast.Unparen(*x)
		if called[e] {
			return
		}
		fun, given := e, 0
		switch f := e.(type) {
		case *ast.IndexExpr:
			fun, given = f.X, 1
		case *ast.IndexListExpr:
			fun, given = f.X, len(f.Indices)
		}
		var ident *ast.Ident
		switch f := fun.(type) {
		case *ast.Ident:
			ident = f
		case *ast.SelectorExpr:
			ident = f.Sel
		default:
			return
		}
		inst, ok := t.Info.Instances[ident]
		if !ok {
			return
		}
		if _, isFunc := t.Info.Uses[ident].(*types.Func); !isFunc || given > inst.TypeArgs.Len() {
			return
		}
		sig, ok := inst.Type.(*types.Signature)
		if !ok || mentionsTypeParam(inst.TypeArgs) {
			return
		}
		var targs, params, args []string
		for i := range inst.TypeArgs.Len() {
			s, ok := t.Expr(inst.TypeArgs.At(i))
			if !ok {
				return
			}
			targs = append(targs, s)
		}
		for i := range sig.Params().Len() {
			pt := sig.Params().At(i).Type()
			name := c.tmp("a")
			dots := ""
			if sig.Variadic() && i == sig.Params().Len()-1 {
				pt, dots = pt.(*types.Slice).Elem(), "..."
			}
			s, ok := t.Expr(pt)
			if !ok {
				return
			}
			params = append(params, name+" "+dots+s)
			args = append(args, name+dots)
		}
		var results []string
		for i := range sig.Results().Len() {
			s, ok := t.Expr(sig.Results().At(i).Type())
			if !ok {
				return
			}
			results = append(results, s)
		}
		call := c.Text(fun) + "[" + strings.Join(targs, ", ") + "](" + strings.Join(args, ", ") + ")"
		body := call
		if len(results) > 0 {
			body = "return " + call
		}
		src := "func(" + strings.Join(params, ", ") + ") (" + strings.Join(results, ", ") + ") { " + body + " }"
		lit, err := parser.ParseExpr(src)
		if err != nil {
			return
		}
		setPos(lit, e.Pos())
		*x = lit
	}
	c.eachExprSlot(fix)
}

// eachExprSlot calls f on the expressions of the cell that stand as values
// (right-hand sides, initial values, arguments, results, elements).
func (c *Cell) eachExprSlot(f func(*ast.Expr)) {
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i := range n.Rhs {
				f(&n.Rhs[i])
			}
		case *ast.ValueSpec:
			for i := range n.Values {
				f(&n.Values[i])
			}
		case *ast.CallExpr:
			for i := range n.Args {
				f(&n.Args[i])
			}
		case *ast.ReturnStmt:
			for i := range n.Results {
				f(&n.Results[i])
			}
		case *ast.CompositeLit:
			for i := range n.Elts {
				if kv, ok := n.Elts[i].(*ast.KeyValueExpr); ok {
					f(&kv.Value)
				} else {
					f(&n.Elts[i])
				}
			}
		}
		return true
	})
}

// genericLiterals rewrites the composite literals of generic struct types
// in the bodies of the cell's generic functions (see passGenerics).
func genericLiterals(c *Cell, t *Types) {
	for _, d := range c.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Type.TypeParams == nil || fd.Body == nil {
			continue
		}
		var fix func(x *ast.Expr)
		visit := func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				fix(&n.Fun)
				for i := range n.Args {
					fix(&n.Args[i])
				}
			case *ast.ReturnStmt:
				for i := range n.Results {
					fix(&n.Results[i])
				}
			case *ast.AssignStmt:
				for i := range n.Rhs {
					fix(&n.Rhs[i])
				}
			case *ast.ValueSpec:
				for i := range n.Values {
					fix(&n.Values[i])
				}
			case *ast.CompositeLit:
				for i := range n.Elts {
					if kv, ok := n.Elts[i].(*ast.KeyValueExpr); ok {
						fix(&kv.Value)
					} else {
						fix(&n.Elts[i])
					}
				}
			case *ast.SendStmt:
				fix(&n.Value)
			case *ast.BinaryExpr:
				fix(&n.X)
				fix(&n.Y)
			}
			return true
		}
		fix = func(x *ast.Expr) {
			e := *x
			ptr := false
			if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
				e, ptr = u.X, true
			}
			lit, ok := ast.Unparen(e).(*ast.CompositeLit)
			if !ok || lit.Type == nil {
				return
			}
			if r := fieldByField(t, lit, ptr, c.tmp("lit")); r != nil {
				*x = r
			}
		}
		ast.Inspect(fd.Body, visit)
	}
}

// fieldByField is the func literal call that builds lit (of an instance
// of a generic struct type) field by field, or nil when lit is of another
// type or its fields cannot be told.
func fieldByField(t *Types, lit *ast.CompositeLit, ptr bool, r string) ast.Expr {
	n, ok := t.TypeOf(lit).(*types.Named)
	if !ok || n.TypeArgs().Len() == 0 {
		return nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	pos := lit.Pos()
	body := []ast.Stmt{&ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{id(r)}, Type: lit.Type}}}}}
	for i, el := range lit.Elts {
		var field string
		val := el
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			k, ok := kv.Key.(*ast.Ident)
			if !ok {
				return nil
			}
			field, val = k.Name, kv.Value
		} else {
			if i >= st.NumFields() {
				return nil
			}
			field = st.Field(i).Name()
		}
		body = append(body, assign([]ast.Expr{&ast.SelectorExpr{X: id(r), Sel: id(field)}}, []ast.Expr{val}))
	}
	var res ast.Expr = id(r)
	var typ ast.Expr = lit.Type
	if ptr {
		res = &ast.UnaryExpr{OpPos: pos, Op: token.AND, X: id(r)}
		typ = &ast.StarExpr{Star: pos, X: lit.Type}
	}
	body = append(body, &ast.ReturnStmt{Return: pos, Results: []ast.Expr{res}})
	fn := &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: typ}}}},
		Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: lit.End()}}
	return &ast.CallExpr{Fun: fn, Lparen: lit.End(), Rparen: lit.End()}
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
