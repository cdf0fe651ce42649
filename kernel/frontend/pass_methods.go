package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
)

// passMethods gives method values and method expressions Go's meaning, for
// the methods the cell declares (and the methods of the interfaces it
// declares):
//
//	x.M          (M has a value receiver, used as a value)
//	  => func() func(p P) R { _gk_r := x; return func(p P) R { return _gk_r.M(p) } }()
//	T.M, (*T).M  => func(_gk_r T, p P) R { return _gk_r.M(p) }
//	defer x.M(a) (M has a value receiver)  =>  _gk_r1 := x; defer _gk_r1.M(a)
//	defer p.M(a) (typed: any method)  =>  _gk_r1 := RECV; defer _gk_r1.M(a)  (RECV: see boundMethodValue)
//
// yaegi behaviour answered: yaegi v0.16.1 evaluates a method value's
// receiver when the value is called, not when it is made (`add := p.Add;
// p = q; add(r)` used q), evaluates a deferred call's receiver when it runs,
// and fails a method expression at run time ("reflect.Set: value of type
// func(int) … is not assignable to type func(T, int) …"; an interface's
// says "too many arguments").
//
// The receiver's type is not known without a type checker: the rewrite
// applies to a selector whose name is that of a value-receiver method the
// cell declares (a pointer receiver binds &x, which the interpreter's late
// evaluation gets right for a variable), and a method expression whose type
// the cell declares. When the cell type-checks, method values are bound by
// boundMethodValue instead, which go/types tells what the receiver is: a
// pointer receiver, a method of an earlier cell, a promoted method (a value
// method through a pointer copies the value now), an interface's.
func passMethods(c *Cell, env Env) error {
	type method struct {
		recv  ast.Expr // the receiver type as declared: T, *T, an interface T
		ftype *ast.FuncType
		value bool // a value receiver (or an interface's method)
	}
	byName := map[string][]method{}          // M -> its declarations
	byType := map[string]map[string]method{} // T -> M -> declaration
	addMethod := func(typeName string, m method, name string) {
		byName[name] = append(byName[name], m)
		if byType[typeName] == nil {
			byType[typeName] = map[string]method{}
		}
		byType[typeName][name] = m
	}
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 {
				continue
			}
			rt := d.Recv.List[0].Type
			base := rt
			if s, ok := rt.(*ast.StarExpr); ok {
				base = s.X
			}
			tn, ok := base.(*ast.Ident)
			if !ok {
				continue // generic receivers are left alone
			}
			_, ptr := rt.(*ast.StarExpr)
			addMethod(tn.Name, method{recv: ast.NewIdent(tn.Name), ftype: d.Type, value: !ptr}, d.Name.Name)
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				ts, ok := sp.(*ast.TypeSpec)
				if !ok || ts.TypeParams != nil {
					continue
				}
				if it, ok := ts.Type.(*ast.InterfaceType); ok {
					for _, f := range it.Methods.List {
						if ft, ok := f.Type.(*ast.FuncType); ok && len(f.Names) == 1 {
							addMethod(ts.Name.Name, method{recv: ast.NewIdent(ts.Name.Name), ftype: ft, value: true}, f.Names[0].Name)
						}
					}
				}
			}
		}
	}
	if len(byName) == 0 && c.types == nil {
		return nil
	}
	valueMethod := func(name string) (method, bool) {
		ms := byName[name]
		if len(ms) == 0 {
			return method{}, false
		}
		for _, m := range ms {
			if !m.value {
				return method{}, false
			}
		}
		return ms[0], true
	}
	imports := c.importNames()
	isValueSel := func(sel *ast.SelectorExpr) bool {
		if x, ok := sel.X.(*ast.Ident); ok {
			if _, isPkg := imports[x.Name]; isPkg {
				return false
			}
			if _, isType := byType[x.Name]; isType {
				return false
			}
		}
		return true
	}

	// Calls and the left of assignments are not values.
	notValue := map[ast.Expr]bool{}
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			notValue[n.Fun] = true
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				notValue[l] = true
			}
		}
		return true
	})
	rewrite := func(x ast.Expr) ast.Expr {
		switch x := x.(type) {
		case *ast.SelectorExpr:
			if notValue[x] {
				return nil
			}
			// A method expression: T.M or (*T).M of a type of the cell.
			recvType := ast.Expr(nil)
			switch r := ast.Unparen(x.X).(type) {
			case *ast.Ident:
				if _, ok := byType[r.Name]; ok {
					recvType = ast.NewIdent(r.Name)
				}
			case *ast.StarExpr:
				if tn, ok := r.X.(*ast.Ident); ok {
					if _, ok := byType[tn.Name]; ok {
						recvType = &ast.StarExpr{X: ast.NewIdent(tn.Name)}
					}
				}
			}
			if recvType != nil {
				tn := recvType
				if s, ok := tn.(*ast.StarExpr); ok {
					tn = s.X
				}
				m, ok := byType[tn.(*ast.Ident).Name][x.Sel.Name]
				if !ok {
					return nil
				}
				return methodExpr(c, recvType, x.Sel.Name, m.ftype)
			}
			if b := boundMethodValue(c, x); b != nil {
				return b
			}
			if m, ok := valueMethod(x.Sel.Name); ok && isValueSel(x) {
				return methodValue(c, x, m.recv, m.ftype)
			}
			return nil
		}
		return nil
	}
	replaceExprs(c, rewrite)

	// The defer statements in a loop of their own function.
	inLoop := map[*ast.DeferStmt]bool{}
	if c.types != nil {
		var stack []ast.Node
		c.allNodes(func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			if d, ok := n.(*ast.DeferStmt); ok {
			up:
				for i := len(stack) - 2; i >= 0; i-- {
					switch stack[i].(type) {
					case *ast.FuncLit, *ast.FuncDecl:
						break up
					case *ast.ForStmt, *ast.RangeStmt:
						inLoop[d] = true
						break up
					}
				}
			}
			return true
		})
	}
	// A deferred method call binds its receiver now: the one Go saves
	// (methodRecv) when the cell is typed, else a value-receiver method's.
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			return []ast.Stmt{s}
		}
		sel, ok := d.Call.Fun.(*ast.SelectorExpr)
		if !ok {
			return []ast.Stmt{s}
		}
		if recv, typ, ok := methodRecvType(c, sel); ok {
			r := c.tmp("r")
			if !inLoop[d] {
				pre := &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: d.Defer, Name: r}}, Tok: token.DEFINE, TokPos: d.Defer, Rhs: []ast.Expr{recv}}
				sel.X = &ast.Ident{NamePos: sel.X.Pos(), Name: r}
				return []ast.Stmt{pre, s}
			}
			// In a loop, a variable made before the defer shares its slot
			// across iterations (the call read the last receiver): the
			// receiver is an argument instead, which the deferargs pass
			// binds at the defer. Only without arguments of the call's
			// own, which would move into the literal unevaluated.
			ts, ok := c.types.Expr(typ)
			if !ok || len(d.Call.Args) > 0 {
				return []ast.Stmt{s}
			}
			sel.X = &ast.Ident{NamePos: sel.X.Pos(), Name: r}
			d.Call = &ast.CallExpr{
				Fun: &ast.FuncLit{
					Type: &ast.FuncType{Func: d.Defer, Params: &ast.FieldList{Opening: d.Defer, Closing: d.Defer,
						List: []*ast.Field{{Names: []*ast.Ident{{NamePos: d.Defer, Name: r}}, Type: typeExpr(ts, d.Defer)}}}},
					Body: &ast.BlockStmt{Lbrace: d.Defer, Rbrace: d.Defer, List: []ast.Stmt{&ast.ExprStmt{X: d.Call}}},
				},
				Lparen: d.Defer, Args: []ast.Expr{recv}, Rparen: d.Defer,
			}
			return []ast.Stmt{s}
		}
		if _, ok := valueMethod(sel.Sel.Name); !ok || !isValueSel(sel) {
			return []ast.Stmt{s}
		}
		if _, ok := sel.X.(*ast.Ident); !ok {
			if _, ok := sel.X.(*ast.SelectorExpr); !ok {
				return []ast.Stmt{s}
			}
		}
		r := c.tmp("r")
		pre := &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: d.Defer, Name: r}}, Tok: token.DEFINE, TokPos: d.Defer, Rhs: []ast.Expr{sel.X}}
		sel.X = &ast.Ident{NamePos: sel.X.Pos(), Name: r}
		return []ast.Stmt{pre, s}
	})
	return nil
}

// params copies a signature's parameters, naming each (_gk_p1, ...), and
// returns the names as call arguments (the last spread if variadic).
func params(c *Cell, ft *ast.FuncType) (*ast.FieldList, []ast.Expr, bool) {
	fl := &ast.FieldList{}
	var args []ast.Expr
	variadic := false
	if ft.Params != nil {
		for _, f := range ft.Params.List {
			n := len(f.Names)
			if n == 0 {
				n = 1
			}
			nf := &ast.Field{Type: f.Type}
			for i := 0; i < n; i++ {
				name := c.tmp("p")
				nf.Names = append(nf.Names, ast.NewIdent(name))
				args = append(args, ast.NewIdent(name))
			}
			if _, ok := f.Type.(*ast.Ellipsis); ok {
				variadic = true
			}
			fl.List = append(fl.List, nf)
		}
	}
	return fl, args, variadic
}

// callBody is `return r.M(args)`, or `r.M(args)` for a method with no result.
func callBody(recv, name string, ft *ast.FuncType, args []ast.Expr, variadic bool) *ast.BlockStmt {
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: ast.NewIdent(recv), Sel: ast.NewIdent(name)}, Args: args}
	if variadic {
		call.Ellipsis = 1
	}
	if ft.Results == nil || len(ft.Results.List) == 0 {
		return &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: call}}}
	}
	return &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{call}}}}
}

// methodExpr is T.M as a function literal taking the receiver first.
func methodExpr(c *Cell, recvType ast.Expr, name string, ft *ast.FuncType) ast.Expr {
	fl, args, variadic := params(c, ft)
	r := c.tmp("r")
	fl.List = append([]*ast.Field{{Names: []*ast.Ident{ast.NewIdent(r)}, Type: recvType}}, fl.List...)
	return &ast.FuncLit{Type: &ast.FuncType{Params: fl, Results: ft.Results}, Body: callBody(r, name, ft, args, variadic)}
}

// methodValue is x.M as a function literal bound to a copy of x, made now:
//
//	func() func(p P) R { _gk_r := x; return func(p P) R { return _gk_r.M(p) } }()
//
// (the copy's type is x's, whatever type promotes M).
func methodValue(c *Cell, sel *ast.SelectorExpr, recvType ast.Expr, ft *ast.FuncType) ast.Expr {
	fl, args, variadic := params(c, ft)
	r := c.tmp("r")
	inner := &ast.FuncLit{Type: &ast.FuncType{Params: fl, Results: ft.Results}, Body: callBody(r, sel.Sel.Name, ft, args, variadic)}
	innerType := &ast.FuncType{Params: fl, Results: ft.Results}
	outer := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: innerType}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{
			define([]ast.Expr{ast.NewIdent(r)}, []ast.Expr{sel.X}),
			&ast.ReturnStmt{Results: []ast.Expr{inner}},
		}},
	}
	return &ast.CallExpr{Fun: outer, Lparen: sel.Pos()}
}

// boundMethodValue is the method value x.M, as the checker typed it, bound
// now to the receiver Go saves when it evaluates x.M:
//
//	x.M  =>  func() func(P) R { _gk_r := RECV; return _gk_r.M }()
//
// where RECV is &x.F (a pointer receiver, reached through the embedded
// fields F of the promotion, if any, with x or x.F addressable), x.F when
// that is a pointer already, *x.F for a value receiver reached through a
// pointer (Go copies the value now), x.F for a value, and x for an
// interface. yaegi evaluates a method value's receiver when the value is
// called (measured: `f := d.Inc; d = &Counter{}; f()` incremented the new
// counter), but a local variable that is never assigned again holds the
// receiver of this evaluation. nil when the checker did not type x.M, x.M
// is not a method value, or its type or a field on the way cannot be
// written in the cell.
func boundMethodValue(c *Cell, x *ast.SelectorExpr) ast.Expr {
	recv, ok := methodRecv(c, x)
	if !ok {
		return nil
	}
	fnType, ok := c.types.Expr(c.types.TypeOf(x))
	if !ok {
		return nil
	}
	resultType := typeExpr(fnType, x.Pos())
	if resultType == nil {
		return nil
	}
	r := c.tmp("r")
	outer := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: resultType}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{
			define([]ast.Expr{id(r)}, []ast.Expr{recv}),
			&ast.ReturnStmt{Results: []ast.Expr{&ast.SelectorExpr{X: id(r), Sel: id(x.Sel.Name)}}},
		}},
	}
	return &ast.CallExpr{Fun: outer, Lparen: x.Pos()}
}

// methodRecv is the receiver Go saves for the method x.M, as the checker
// typed it (see boundMethodValue); ok is false when x.M is not a method of
// a typed x or a field on the way cannot be written.
func methodRecv(c *Cell, x *ast.SelectorExpr) (ast.Expr, bool) {
	recv, _, ok := methodRecvType(c, x)
	return recv, ok
}

// methodRecvType is methodRecv and the receiver's type.
func methodRecvType(c *Cell, x *ast.SelectorExpr) (ast.Expr, types.Type, bool) {
	t := c.types
	if _, ok := t.TypeOf(x).(*types.Signature); !ok {
		return nil, nil, false
	}
	recvT := t.TypeOf(x.X)
	if recvT == nil {
		return nil, nil, false
	}
	obj, index, _ := types.LookupFieldOrMethod(recvT, true, t.Pkg, x.Sel.Name)
	fn, ok := obj.(*types.Func)
	if !ok || len(index) == 0 {
		return nil, nil, false
	}
	var recv ast.Expr = x.X
	if types.IsInterface(recvT) {
		return recv, recvT, true
	}
	// The embedded fields the method is promoted through.
	typ := recvT
	for _, i := range index[:len(index)-1] {
		if p, ok := typ.Underlying().(*types.Pointer); ok {
			typ = p.Elem()
		}
		st, ok := typ.Underlying().(*types.Struct)
		if !ok {
			return nil, nil, false
		}
		f := st.Field(i)
		if !f.Exported() && f.Pkg() != t.Pkg {
			return nil, nil, false
		}
		recv = &ast.SelectorExpr{X: recv, Sel: id(f.Name())}
		typ = f.Type()
	}
	_, isPtr := typ.Underlying().(*types.Pointer)
	_, ptrRecv := fn.Type().(*types.Signature).Recv().Type().(*types.Pointer)
	switch {
	case ptrRecv && !isPtr:
		recv, typ = &ast.UnaryExpr{Op: token.AND, X: recv}, types.NewPointer(typ)
	case !ptrRecv && isPtr:
		recv, typ = &ast.StarExpr{X: recv}, typ.Underlying().(*types.Pointer).Elem()
	}
	return recv, typ, true
}

// replaceExprs replaces, anywhere in the cell, each expression for which f
// returns a non-nil replacement (the replacement is not walked again).
func replaceExprs(c *Cell, f func(ast.Expr) ast.Expr) {
	var fix func(x *ast.Expr)
	fix = func(x *ast.Expr) {
		if *x == nil {
			return
		}
		if r := f(*x); r != nil {
			*x = r
		}
	}
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i := range n.Rhs {
				fix(&n.Rhs[i])
			}
		case *ast.ValueSpec:
			for i := range n.Values {
				fix(&n.Values[i])
			}
		case *ast.CallExpr:
			for i := range n.Args {
				fix(&n.Args[i])
			}
		case *ast.ReturnStmt:
			for i := range n.Results {
				fix(&n.Results[i])
			}
		case *ast.CompositeLit:
			for i := range n.Elts {
				fix(&n.Elts[i])
			}
		case *ast.KeyValueExpr:
			fix(&n.Value)
		case *ast.SendStmt:
			fix(&n.Value)
		}
		return true
	})
}
