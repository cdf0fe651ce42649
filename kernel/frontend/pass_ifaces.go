package frontend

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strconv"
)

// passIfaces gives interfaces Go's meaning for the types the session
// declares. It needs the type checker (types.go): without types it changes
// nothing, and a cell with no type switch naming an interface, no assertion
// to an interface the session declares, no composite literal stored in an
// interface and no go statement handing a value to such an interface
// changes nothing either (one walk of the cell).
//
// Seven yaegi v0.16.1 behaviours are answered, each by a rewrite below:
//
//  1. A type switch case naming an interface is matched by type identity,
//     not by method set (interp/run.go, _case: `v.typ.id() == typ.id()`
//     for an interpreted value, the reflect type's string for a compiled
//     one): `case error:` misses a user type with Error, `case
//     fmt.Stringer:` one with String, and `case error:` misses even
//     errors.New's value; with one type in the case, `case Shape:` can
//     also match a value that is no Shape. The switch is split into a
//     classifier, a type switch whose cases are only concrete types (the
//     session's types that implement each interface case, in Go's order of
//     cases) with comma-ok assertions for the compiled values that remain,
//     and a switch on the clause number that runs the bodies untouched (the
//     session's types with a basic underlying type get a classifier of their
//     own, without a variable, ahead of this one: see typeSwitch's pre):
//
//     switch x := v.(type) {      {  _gk_v1 := v; var _gk_x2 error; var _gk_c3 int
//     case int:   A                  switch _gk_t4 := _gk_v1.(type) {
//     case error: B          =>      case int: _gk_x5 = _gk_t4; _gk_c3 = 1
//     default:    C                  case NotFound: _gk_x2 = _gk_t4; _gk_c3 = 2 ...
//     }                              default: if y, ok := _gk_v1.(error); ok { _gk_x2 = y; _gk_c3 = 2 } }
//     switch _gk_c3 { case 1: x := _gk_x5; A  case 2: x := _gk_x2; B  default: x := _gk_v1; C } }
//
//  2. x.(I), for an interface I the session declares, fails when x holds a
//     value of a session type ("reflect.Set: value of type interface {} is
//     not assignable to type interp.valueInterface": typeAssert's
//     isInterfaceSrc branch sets the destination from the interface{}
//     value, not from the valueInterface in it). The assertion becomes a
//     function literal called at once whose type switch lists the session's
//     types that implement I. So does x.(error) (any compiled interface a
//     session type implements): yaegi's assertion finds no methods on the
//     plain value rewrite 5 leaves in an any, and returned a nil wrapper
//     ("reflect: Method on nil interface value"); compiled values still go
//     through yaegi's assertion, which is right for them.
//
//  3. A composite literal assigned to a variable of interface type (`var f
//     Fetcher = fakeFetcher{...}`, `f = M{...}`) is built straight into the
//     variable's slot (cfg.go's assignment skips the assign for a composite
//     literal unless the destination is a compiled interface): a map or
//     slice literal panics "reflect.Set: value of type map[...] is not
//     assignable to type interp.valueInterface", a struct literal into
//     error "call of reflect.Value.Elem on struct Value". Parentheses
//     around the literal turn the optimisation off.
//
//  4. A go statement whose callee takes an interface the session declares:
//     the goroutines pass hands the arguments to compiled code (GoCall),
//     which yaegi gives the concrete value, not its valueInterface, so the
//     goroutine's call panics "reflect: Call using map[string]... as type
//     interp.valueInterface" (A Tour of Go's web crawler). The arguments are
//     evaluated at the go statement in a function literal called at once,
//     and the goroutine is a closure over them (a function's variables are
//     fresh on every call, unlike a loop body's):
//
//     go Crawl(u, d-1, fetcher)  =>  func() { _gk_a1 := u; _gk_a2 := d-1; _gk_a3 := fetcher; go func() { Crawl(_gk_a1, _gk_a2, _gk_a3) }() }()
//
//  5. A value of a session type with methods (a struct, map, slice, func
//     or pointer type) converted implicitly to an empty interface (an
//     argument of a func(v any), `var a any = p`, []any{p}) is missed by
//     the type switch's `case Point:`, where after the explicit conversion
//     any(p) it is matched (yaegi then keeps the plain reflect value, which
//     _case compares by its type's name): such conversions are made
//     explicit, in the arguments of the session's own functions,
//     assignments, composite literals' elements, returns and sends. Not for
//     a basic type (type Code int), which the values pass's printer would
//     no longer name, and which yaegi keeps typed in an any anyway.
//
//  6. `v, ok := x.(T)`, `v, ok := <-ch` and `v, ok := m[k]` at the top
//     level of a cell fail with "nil type" (the front-end defines a
//     top-level variable with var, and yaegi cannot type `var v, ok =
//     x.(T)` at package level); a function literal returning both values
//     can be:
//
//     v, ok := <-ch  =>  v, ok := func() (int, bool) { _gk_a1, _gk_ok2 := <-ch; return _gk_a1, _gk_ok2 }()
//
//  7. A type switch on a value whose static type is a compiled interface
//     (`switch e := err.(type)`) holding a session value misses even its
//     concrete cases (`case *MyErr:`): yaegi keeps the value in a wrapper
//     its type switch compares, where its assertion err.(*MyErr) sees
//     through it. Such a switch becomes comma-ok assertions in the order
//     of the cases (assertChain).
//
// What is not answered: a type declared in a later cell is not among the
// cases of a switch or assertion compiled before it (run the cell again);
// a compiled value that implements an interface the session declares is
// not matched by it; two session struct types with the same fields and no
// methods are one type for yaegi in an any; a value of static type error
// holding a struct value (not a pointer) of a session type is missed by
// yaegi's assertion err.(MyErr), and so by assertChain.
func passIfaces(c *Cell, env Env) error {
	t := c.types
	if t == nil || t.Pkg == nil {
		return nil
	}
	rw := &ifRewriter{c: c, t: t}
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					n.Rhs[i] = rw.paren(rw.toAny(r, t.TypeOf(n.Lhs[i])), t.TypeOf(n.Lhs[i]))
				}
			}
		case *ast.ValueSpec:
			if n.Type != nil && len(n.Values) == len(n.Names) {
				for i, r := range n.Values {
					if rw.structInError(r, t.TypeOf(n.Type)) {
						// `var err error = StatusErr{503}` runs without
						// parentheses, and with them yaegi keeps the value
						// in a form whose Is and Unwrap methods errors.Is
						// cannot find (errors_is_custom).
						continue
					}
					n.Values[i] = rw.paren(rw.toAny(r, t.TypeOf(n.Type)), t.TypeOf(n.Type))
				}
			}
		case *ast.CallExpr:
			rw.callArgs(n)
		case *ast.CompositeLit:
			rw.elements(n)
		case *ast.SendStmt:
			if ch, ok := typeOrNil(t.TypeOf(n.Chan)).Underlying().(*types.Chan); ok {
				n.Value = rw.toAny(n.Value, ch.Elem())
			}
		case *ast.FuncDecl:
			if f, ok := t.Info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				rw.returns(n.Body, f.Type().(*types.Signature))
			}
		case *ast.FuncLit:
			if sig, ok := typeOrNil(t.TypeOf(n)).(*types.Signature); ok {
				rw.returns(n.Body, sig)
			}
		}
		return true
	})
	rw.assertions()
	for _, n := range c.Body {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				n.Rhs[0] = rw.commaOk(n.Rhs[0])
			}
		case *ast.GenDecl:
			for _, sp := range n.Specs {
				if v, ok := sp.(*ast.ValueSpec); ok && v.Type == nil && len(v.Names) == 2 && len(v.Values) == 1 {
					v.Values[0] = rw.commaOk(v.Values[0])
				}
			}
		}
	}
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		label, inner := unlabel(s)
		switch x := inner.(type) {
		case *ast.TypeSwitchStmt:
			if r := rw.typeSwitch(x, label); r != nil {
				return []ast.Stmt{r}
			}
		case *ast.GoStmt:
			if r := rw.goStmt(x); r != nil {
				return []ast.Stmt{relabel(label, r)}
			}
		}
		return []ast.Stmt{s}
	})
	return nil
}

type ifRewriter struct {
	c *Cell
	t *Types
}

// commaOk turns a comma-ok form defined at the cell's top level (x.(T),
// <-ch, m[k]) into a function literal called at once that returns both
// values (rewrite 6); x when its types cannot be written.
func (rw *ifRewriter) commaOk(x ast.Expr) ast.Expr {
	t := rw.t
	var first ast.Expr
	switch e := ast.Unparen(x).(type) {
	case *ast.TypeAssertExpr:
		if e.Type == nil || t.TypeOf(e.Type) == nil {
			return x
		}
		first = cloneExprAt(rw.c.Fset, e.Type, e.Pos())
	case *ast.UnaryExpr:
		if e.Op != token.ARROW {
			return x
		}
		ch, ok := typeOrNil(t.TypeOf(e.X)).Underlying().(*types.Chan)
		if !ok {
			return x
		}
		first = rw.typeExpr(ch.Elem(), e.Pos())
	case *ast.IndexExpr:
		m, ok := typeOrNil(t.TypeOf(e.X)).Underlying().(*types.Map)
		if !ok {
			return x
		}
		first = rw.typeExpr(m.Elem(), e.Pos())
	default:
		return x
	}
	if first == nil {
		return x
	}
	a, b := rw.c.tmp("a"), rw.c.tmp("ok")
	return &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Func: x.Pos(), Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: first}, {Type: id("bool")}}}},
		Body: &ast.BlockStmt{Lbrace: x.Pos(), List: []ast.Stmt{
			define([]ast.Expr{id(a), id(b)}, []ast.Expr{x}),
			&ast.ReturnStmt{Results: []ast.Expr{id(a), id(b)}},
		}},
	}, Lparen: x.End()}
}

// typeExpr writes typ as an expression of the cell (Types.Expr), nil when
// it cannot be.
func (rw *ifRewriter) typeExpr(typ types.Type, pos token.Pos) ast.Expr {
	s, ok := rw.t.Expr(typ)
	if !ok {
		return nil
	}
	e, err := parser.ParseExpr(s)
	if err != nil {
		return nil
	}
	setPos(e, pos)
	return e
}

// structInError reports whether x is a struct literal and dest is error.
func (rw *ifRewriter) structInError(x ast.Expr, dest types.Type) bool {
	lit, ok := x.(*ast.CompositeLit)
	if !ok || dest == nil || !types.Identical(dest, types.Universe.Lookup("error").Type()) {
		return false
	}
	_, isStruct := typeOrNil(rw.t.TypeOf(lit)).Underlying().(*types.Struct)
	return isStruct
}

// paren wraps a composite literal stored in a variable of interface type
// (rewrite 3).
func (rw *ifRewriter) paren(x ast.Expr, dest types.Type) ast.Expr {
	lit, ok := x.(*ast.CompositeLit)
	if !ok || dest == nil || !types.IsInterface(dest) {
		return x
	}
	return &ast.ParenExpr{Lparen: lit.Pos(), X: lit, Rparen: lit.End() - 1}
}

// toAny makes explicit the conversion of a value of a session type with
// methods to an empty interface (rewrite 5).
func (rw *ifRewriter) toAny(x ast.Expr, dest types.Type) ast.Expr {
	if dest == nil {
		return x
	}
	it, ok := dest.Underlying().(*types.Interface)
	if !ok || it.NumMethods() > 0 || !rw.sessionValue(rw.t.TypeOf(x)) {
		return x
	}
	return &ast.CallExpr{Fun: id("any"), Lparen: x.Pos(), Args: []ast.Expr{x}, Rparen: x.End() - 1}
}

// sessionValue reports whether typ is a session type with methods, T or
// *T, not an interface nor a basic type.
func (rw *ifRewriter) sessionValue(typ types.Type) bool {
	if typ == nil || types.IsInterface(typ) {
		return false
	}
	n, ok := types.Unalias(typ).(*types.Named)
	if p, isPtr := types.Unalias(typ).(*types.Pointer); isPtr {
		n, ok = types.Unalias(p.Elem()).(*types.Named)
	}
	if !ok || n.Obj().Pkg() != rw.t.Pkg || types.NewMethodSet(types.NewPointer(n)).Len() == 0 {
		return false
	}
	// A basic type's value is not changed: yaegi keeps no type for it in
	// an interface either way (iface_basic_underlying), and with any(v)
	// the values pass's printer no longer finds its String method
	// (values_sprint_as_value).
	_, basic := n.Underlying().(*types.Basic)
	return !basic
}

// callArgs makes explicit the conversions to an empty interface of the
// arguments of a call to one of the session's functions (rewrite 5):
// compiled functions (fmt's) get the values as the values pass hands them.
func (rw *ifRewriter) callArgs(call *ast.CallExpr) {
	t := rw.t
	if tv, ok := t.Info.Types[call.Fun]; ok && tv.IsType() {
		return // a conversion
	}
	switch fn := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		f, ok := t.Info.Uses[fn].(*types.Func)
		if !ok || f.Pkg() != t.Pkg {
			return
		}
	case *ast.FuncLit:
	case *ast.SelectorExpr:
		f, ok := t.Info.Uses[fn.Sel].(*types.Func)
		if !ok || f.Pkg() != t.Pkg {
			return
		}
	default:
		return
	}
	sig, ok := typeOrNil(t.TypeOf(call.Fun)).Underlying().(*types.Signature)
	if !ok {
		return
	}
	for i, a := range call.Args {
		var pt types.Type
		switch {
		case sig.Variadic() && i >= sig.Params().Len()-1:
			if call.Ellipsis.IsValid() {
				continue
			}
			pt = sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice).Elem()
		case i < sig.Params().Len():
			pt = sig.Params().At(i).Type()
		default:
			continue
		}
		call.Args[i] = rw.toAny(a, pt)
	}
}

// elements makes explicit the conversions to an empty interface of a
// composite literal's elements ([]any{p}, map[string]any{"k": p}; rewrite 5).
func (rw *ifRewriter) elements(lit *ast.CompositeLit) {
	typ := rw.t.TypeOf(lit)
	if typ == nil {
		return
	}
	for i, e := range lit.Elts {
		kv, isKV := e.(*ast.KeyValueExpr)
		switch u := typ.Underlying().(type) {
		case *types.Slice:
			rw.element(lit, i, kv, u.Elem())
		case *types.Array:
			rw.element(lit, i, kv, u.Elem())
		case *types.Map:
			if isKV {
				kv.Key = rw.toAny(kv.Key, u.Key())
			}
			rw.element(lit, i, kv, u.Elem())
		case *types.Struct:
			if isKV {
				if k, ok := kv.Key.(*ast.Ident); ok {
					for j := 0; j < u.NumFields(); j++ {
						if u.Field(j).Name() == k.Name {
							kv.Value = rw.toAny(kv.Value, u.Field(j).Type())
						}
					}
				}
			} else if i < u.NumFields() {
				lit.Elts[i] = rw.toAny(e, u.Field(i).Type())
			}
		}
	}
}

func (rw *ifRewriter) element(lit *ast.CompositeLit, i int, kv *ast.KeyValueExpr, elem types.Type) {
	if kv != nil {
		kv.Value = rw.toAny(kv.Value, elem)
		return
	}
	lit.Elts[i] = rw.toAny(lit.Elts[i], elem)
}

// returns makes explicit the conversions to an empty interface of the
// results a function returns (rewrite 5); a function literal inside has
// its own.
func (rw *ifRewriter) returns(body *ast.BlockStmt, sig *types.Signature) {
	res := sig.Results()
	if res.Len() == 0 {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == res.Len() {
				for i, r := range n.Results {
					n.Results[i] = rw.toAny(r, res.At(i).Type())
				}
			}
		}
		return true
	})
}

// sessionIface reports whether typ is a non-empty interface the session
// declares (a named type of the cell's package).
func (rw *ifRewriter) sessionIface(typ types.Type) bool {
	n, ok := types.Unalias(typ).(*types.Named)
	if !ok || n.Obj().Pkg() != rw.t.Pkg || n.TypeParams().Len() > 0 {
		return false
	}
	it, ok := n.Underlying().(*types.Interface)
	return ok && it.NumMethods() > 0
}

// concrete are the session's types a case may name at pos: the package's
// named types and the cell's local types in scope, each T and *T, that are
// not interfaces nor generic and that implement the operand's interface,
// by name.
func (rw *ifRewriter) concrete(pos token.Pos, operand types.Type) []types.Type {
	var out []types.Type
	// only the types a value of the operand's static type can hold: a
	// case of another is an impossible one
	var within *types.Interface
	if operand != nil {
		within, _ = operand.Underlying().(*types.Interface)
	}
	add := func(obj types.Object) {
		tn, ok := obj.(*types.TypeName)
		if !ok || tn.IsAlias() {
			return
		}
		n, ok := tn.Type().(*types.Named)
		if !ok || n.TypeParams().Len() > 0 || types.IsInterface(n) {
			return
		}
		if within == nil || types.Implements(n, within) {
			out = append(out, n)
		}
		if _, isPtr := n.Underlying().(*types.Pointer); !isPtr && (within == nil || types.Implements(types.NewPointer(n), within)) {
			out = append(out, types.NewPointer(n))
		}
	}
	scope := rw.t.Pkg.Scope()
	for _, name := range scope.Names() {
		if name == "_" || len(name) >= len(Reserved) && name[:len(Reserved)] == Reserved {
			continue
		}
		add(scope.Lookup(name))
	}
	for ident, obj := range rw.t.Info.Defs {
		if obj == nil || obj.Parent() == nil || obj.Parent() == scope || ident.Pos() >= pos || !obj.Parent().Contains(pos) {
			continue
		}
		add(obj)
	}
	return out
}

// typeText writes a session type T or *T as an expression.
func typeText(typ types.Type) ast.Expr {
	if p, ok := typ.(*types.Pointer); ok {
		return &ast.StarExpr{X: typeText(p.Elem())}
	}
	return id(typ.(*types.Named).Obj().Name())
}

// typeSwitch rewrites a type switch that names an interface in a case
// (rewrite 1); nil when it names none, or the types are unknown.
func (rw *ifRewriter) typeSwitch(s *ast.TypeSwitchStmt, label *ast.LabeledStmt) ast.Stmt {
	t := rw.t
	var binding string
	var guard ast.Expr
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		binding = a.Lhs[0].(*ast.Ident).Name
		guard = a.Rhs[0].(*ast.TypeAssertExpr).X
	case *ast.ExprStmt:
		guard = a.X.(*ast.TypeAssertExpr).X
	default:
		return nil
	}
	if t.TypeOf(guard) == nil {
		return nil
	}
	named, hasSession := false, false // an interface in a case; a session type
	for _, cl := range s.Body.List {
		for _, e := range cl.(*ast.CaseClause).List {
			typ := t.TypeOf(e)
			if typ == nil {
				if tv, ok := t.Info.Types[e]; ok && tv.IsNil() {
					continue
				}
				return nil // unknown
			}
			if it, ok := typ.Underlying().(*types.Interface); ok && it.NumMethods() > 0 {
				named = true
			}
			if rw.sessionValue(typ) || basicSession(t, typ) {
				hasSession = true
			}
		}
	}
	if it, ok := t.TypeOf(guard).Underlying().(*types.Interface); ok && it.NumMethods() > 0 && !rw.sessionIface(t.TypeOf(guard)) {
		if named || hasSession {
			return rw.assertChain(s, label, binding, guard)
		}
		return nil
	}
	if !named {
		return nil
	}
	pos := s.Switch
	vName, cName := rw.c.tmp("v"), rw.c.tmp("c")
	block := &ast.BlockStmt{Lbrace: pos}
	if s.Init != nil {
		block.List = append(block.List, s.Init)
	}
	block.List = append(block.List,
		define([]ast.Expr{id(vName)}, []ast.Expr{guard}),
		&ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(cName)}, Type: id("int")}}}})
	tName := ""
	if binding != "" {
		tName = rw.c.tmp("t")
	}
	setC := func(k int) ast.Stmt {
		return assign([]ast.Expr{id(cName)}, []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(k)}})
	}
	var (
		classes []ast.Stmt // the classifier's cases
		// pre are the cases of the session's types with a basic underlying
		// type, in a classifier of their own, without a variable: yaegi
		// keeps such a value in an interface as an interpreted value, which
		// its type switch matches by type only without one (with one, it
		// compares reflect types and misses: case Square: of a
		// `switch x := v.(type)` for v := any(Square(3))); a value of
		// another kind is kept as its reflect value, which only the
		// switch with a variable matches.
		pre      []ast.Stmt
		fallback []ast.Stmt // its default: the compiled values, by comma-ok assertions
		bodies   []ast.Stmt // the switch on the clause number
		claimed  []types.Type
		ifaces   []*types.Interface // the interface cases so far
		hasNil   bool
	)
	session := rw.concrete(pos, t.TypeOf(guard))
	isClaimed := func(typ types.Type) bool {
		for _, c := range claimed {
			if types.Identical(c, typ) {
				return true
			}
		}
		return false
	}
	unreachable := func(typ types.Type) bool {
		for _, it := range ifaces {
			if types.Implements(typ, it) {
				return true
			}
		}
		return false
	}
	for k0, st := range s.Body.List {
		cl := st.(*ast.CaseClause)
		k := k0 + 1
		// The variable the clause's x is: the guard's own value unless the
		// clause names exactly one type (not nil).
		xVar := vName
		single := len(cl.List) == 1 && !t.Info.Types[cl.List[0]].IsNil()
		if binding != "" && single {
			xVar = rw.c.tmp("x")
			typ := cloneExprAt(rw.c.Fset, cl.List[0], pos)
			if typ == nil {
				return nil
			}
			block.List = append(block.List, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(xVar)}, Type: typ}}}})
		}
		// One classifier case for a type: it sets the clause's variable
		// (when the clause names one type) and its number.
		classify := func(typExpr ast.Expr, typ types.Type) {
			body := []ast.Stmt{setC(k)}
			if basicSession(t, typ) {
				// see pre
				if xVar != vName {
					x := cloneExprAt(rw.c.Fset, typExpr, pos)
					body = append([]ast.Stmt{assign([]ast.Expr{id(xVar)}, []ast.Expr{&ast.TypeAssertExpr{X: id(vName), Type: x}})}, body...)
				}
				pre = append(pre, &ast.CaseClause{List: []ast.Expr{typExpr}, Body: body})
				return
			}
			if xVar != vName {
				body = append([]ast.Stmt{assign([]ast.Expr{id(xVar)}, []ast.Expr{id(tName)})}, body...)
			}
			classes = append(classes, &ast.CaseClause{List: []ast.Expr{typExpr}, Body: body})
		}
		for _, e := range cl.List {
			if t.Info.Types[e].IsNil() {
				if !hasNil {
					hasNil = true
					classes = append(classes, &ast.CaseClause{List: []ast.Expr{id("nil")}, Body: []ast.Stmt{setC(k)}})
				}
				continue
			}
			typ := t.TypeOf(e)
			it, isIface := typ.Underlying().(*types.Interface)
			if !isIface || it.NumMethods() == 0 {
				if isClaimed(typ) || unreachable(typ) {
					continue // an earlier case has it: Go never runs this one for it
				}
				claimed = append(claimed, typ)
				x := cloneExprAt(rw.c.Fset, e, pos)
				if x == nil {
					return nil
				}
				classify(x, typ)
				continue
			}
			for _, st := range session {
				if !isClaimed(st) && types.Implements(st, it) {
					claimed = append(claimed, st)
					classify(typeText(st), st)
				}
			}
			ifaces = append(ifaces, it)
			// The compiled values that remain: yaegi's comma-ok assertion
			// to an interface answers for them.
			x := cloneExprAt(rw.c.Fset, e, pos)
			if x == nil {
				return nil
			}
			yName, okName := rw.c.tmp("y"), rw.c.tmp("ok")
			then := []ast.Stmt{setC(k)}
			if xVar != vName {
				then = append([]ast.Stmt{assign([]ast.Expr{id(xVar)}, []ast.Expr{id(yName)})}, then...)
			}
			fallback = append(fallback, &ast.IfStmt{
				If:   pos,
				Init: define([]ast.Expr{id(yName), id(okName)}, []ast.Expr{&ast.TypeAssertExpr{X: id(vName), Type: x}}),
				Cond: &ast.BinaryExpr{X: id(okName), Op: token.LAND, Y: &ast.BinaryExpr{X: id(cName), Op: token.EQL, Y: &ast.BasicLit{Kind: token.INT, Value: "0"}}},
				Body: &ast.BlockStmt{List: append(then, assign([]ast.Expr{id("_")}, []ast.Expr{id(yName)}))},
			})
		}
		// The clause itself, its body untouched.
		body := cl.Body
		if binding != "" {
			body = append([]ast.Stmt{
				define([]ast.Expr{id(binding)}, []ast.Expr{id(xVar)}),
				assign([]ast.Expr{id("_")}, []ast.Expr{id(binding)}),
			}, body...)
		}
		var list []ast.Expr
		if cl.List != nil {
			list = []ast.Expr{&ast.BasicLit{ValuePos: cl.Case, Kind: token.INT, Value: strconv.Itoa(k)}}
		}
		bodies = append(bodies, &ast.CaseClause{Case: cl.Case, List: list, Colon: cl.Colon, Body: body})
	}
	// The session's other types with methods go to no clause but default:
	// yaegi's assertion compares method names and would take a value T for
	// an interface only *T implements.
	var rest, preRest []ast.Expr
	for _, st := range session {
		if !isClaimed(st) && types.NewMethodSet(st).Len() > 0 {
			if basicSession(t, st) {
				preRest = append(preRest, typeText(st))
			} else {
				rest = append(rest, typeText(st))
			}
		}
	}
	if len(rest) > 0 {
		classes = append(classes, &ast.CaseClause{List: rest})
	}
	if len(preRest) > 0 {
		// -1: the default clause, past the second classifier
		pre = append(pre, &ast.CaseClause{List: preRest, Body: []ast.Stmt{assign([]ast.Expr{id(cName)}, []ast.Expr{&ast.UnaryExpr{Op: token.SUB, X: &ast.BasicLit{Kind: token.INT, Value: "1"}}})}})
	}
	if len(fallback) > 0 {
		classes = append(classes, &ast.CaseClause{Body: fallback})
	}
	var assignGuard ast.Stmt = &ast.ExprStmt{X: &ast.TypeAssertExpr{X: id(vName)}}
	if tName != "" {
		assignGuard = define([]ast.Expr{id(tName)}, []ast.Expr{&ast.TypeAssertExpr{X: id(vName)}})
		classes = append(classes, &ast.CaseClause{List: []ast.Expr{id("nil")}, Body: []ast.Stmt{assign([]ast.Expr{id("_")}, []ast.Expr{id(tName)})}})
		if hasNil {
			classes = classes[:len(classes)-1]
		}
	}
	var classifier ast.Stmt = &ast.TypeSwitchStmt{Switch: pos, Assign: assignGuard, Body: &ast.BlockStmt{List: classes}}
	if len(pre) > 0 {
		block.List = append(block.List, &ast.TypeSwitchStmt{Switch: pos, Assign: &ast.ExprStmt{X: &ast.TypeAssertExpr{X: id(vName)}}, Body: &ast.BlockStmt{List: pre}})
		classifier = &ast.IfStmt{If: pos, Cond: &ast.BinaryExpr{X: id(cName), Op: token.EQL, Y: &ast.BasicLit{Kind: token.INT, Value: "0"}}, Body: &ast.BlockStmt{List: []ast.Stmt{classifier}}}
	}
	block.List = append(block.List,
		classifier,
		relabel(label, &ast.SwitchStmt{Switch: pos, Tag: id(cName), Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: bodies, Rbrace: s.Body.Rbrace}}))
	return block
}

// assertChain rewrites a type switch on a value whose static type is a
// compiled interface (err of type error) into comma-ok assertions, one per
// case type in the order of the cases, and a switch on the clause number:
// yaegi keeps a session value in a compiled interface as a wrapper its type
// switch does not see through (`case *MyErr:` missed it), where its
// assertion err.(*MyErr) does.
func (rw *ifRewriter) assertChain(s *ast.TypeSwitchStmt, label *ast.LabeledStmt, binding string, guard ast.Expr) ast.Stmt {
	t := rw.t
	pos := s.Switch
	vName, cName := rw.c.tmp("v"), rw.c.tmp("c")
	block := &ast.BlockStmt{Lbrace: pos}
	if s.Init != nil {
		block.List = append(block.List, s.Init)
	}
	block.List = append(block.List,
		define([]ast.Expr{id(vName)}, []ast.Expr{guard}),
		&ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(cName)}, Type: id("int")}}}})
	unset := func() ast.Expr {
		return &ast.BinaryExpr{X: id(cName), Op: token.EQL, Y: &ast.BasicLit{Kind: token.INT, Value: "0"}}
	}
	var nils, chain, bodies []ast.Stmt
	for k0, st := range s.Body.List {
		cl := st.(*ast.CaseClause)
		k := k0 + 1
		setC := assign([]ast.Expr{id(cName)}, []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(k)}})
		xVar := vName
		single := len(cl.List) == 1 && !t.Info.Types[cl.List[0]].IsNil()
		if binding != "" && single {
			xVar = rw.c.tmp("x")
			typ := cloneExprAt(rw.c.Fset, cl.List[0], pos)
			if typ == nil {
				return nil
			}
			block.List = append(block.List, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(xVar)}, Type: typ}}}})
		}
		for _, e := range cl.List {
			if t.Info.Types[e].IsNil() {
				nils = append(nils, &ast.IfStmt{If: pos, Cond: &ast.BinaryExpr{X: unset(), Op: token.LAND, Y: &ast.BinaryExpr{X: id(vName), Op: token.EQL, Y: id("nil")}}, Body: &ast.BlockStmt{List: []ast.Stmt{setC}}})
				continue
			}
			x := cloneExprAt(rw.c.Fset, e, pos)
			if x == nil {
				return nil
			}
			yName, okName := rw.c.tmp("y"), rw.c.tmp("ok")
			then := []ast.Stmt{setC, assign([]ast.Expr{id("_")}, []ast.Expr{id(yName)})}
			if xVar != vName {
				then = append([]ast.Stmt{assign([]ast.Expr{id(xVar)}, []ast.Expr{id(yName)})}, then...)
			}
			chain = append(chain, &ast.IfStmt{If: pos, Cond: unset(), Body: &ast.BlockStmt{List: []ast.Stmt{&ast.IfStmt{
				If:   pos,
				Init: define([]ast.Expr{id(yName), id(okName)}, []ast.Expr{&ast.TypeAssertExpr{X: id(vName), Type: x}}),
				Cond: id(okName),
				Body: &ast.BlockStmt{List: then},
			}}}})
		}
		body := cl.Body
		if binding != "" {
			body = append([]ast.Stmt{
				define([]ast.Expr{id(binding)}, []ast.Expr{id(xVar)}),
				assign([]ast.Expr{id("_")}, []ast.Expr{id(binding)}),
			}, body...)
		}
		var list []ast.Expr
		if cl.List != nil {
			list = []ast.Expr{&ast.BasicLit{ValuePos: cl.Case, Kind: token.INT, Value: strconv.Itoa(k)}}
		}
		bodies = append(bodies, &ast.CaseClause{Case: cl.Case, List: list, Colon: cl.Colon, Body: body})
	}
	// A nil matches only a nil case; yaegi's assertion of a nil compiled
	// interface to a concrete type crashes (a nil pointer dereference).
	block.List = append(block.List, nils...)
	if len(chain) > 0 {
		block.List = append(block.List, &ast.IfStmt{If: pos, Cond: &ast.BinaryExpr{X: id(vName), Op: token.NEQ, Y: id("nil")}, Body: &ast.BlockStmt{List: chain}})
	}
	block.List = append(block.List, relabel(label, &ast.SwitchStmt{Switch: pos, Tag: id(cName), Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: bodies, Rbrace: s.Body.Rbrace}}))
	return block
}

// basicSession reports whether typ is a session type whose underlying
// type is basic (type Celsius float64).
func basicSession(t *Types, typ types.Type) bool {
	n, ok := types.Unalias(typ).(*types.Named)
	if !ok || n.Obj().Pkg() != t.Pkg {
		return false
	}
	_, basic := n.Underlying().(*types.Basic)
	return basic
}

// assertions rewrites x.(I), for an interface I the session declares
// (rewrite 2): v, ok := x.(I) calls a function literal returning (I, bool),
// x.(I) elsewhere one returning I (yaegi's own assertion when no session
// type matches, for its panic).
func (rw *ifRewriter) assertions() {
	t := rw.t
	okForm := map[*ast.TypeAssertExpr]bool{}
	rw.c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if ta, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok {
					okForm[ta] = true
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if ta, ok := ast.Unparen(n.Values[0]).(*ast.TypeAssertExpr); ok {
					okForm[ta] = true
				}
			}
		}
		return true
	})
	replace := func(x ast.Expr) ast.Expr {
		ta, ok := x.(*ast.TypeAssertExpr)
		if !ok || ta.Type == nil || t.TypeOf(ta.X) == nil || t.TypeOf(ta.Type) == nil {
			return x
		}
		it, isIface := t.TypeOf(ta.Type).Underlying().(*types.Interface)
		if !isIface || it.NumMethods() == 0 {
			return x
		}
		own := rw.sessionIface(t.TypeOf(ta.Type))
		pos := ta.Pos()
		session := rw.concrete(pos, t.TypeOf(ta.X))
		if !own && !slices.ContainsFunc(session, func(st types.Type) bool { return types.Implements(st, it) }) {
			return x // a compiled interface no session type implements: yaegi's assertion is right
		}
		xName, tName := rw.c.tmp("x"), rw.c.tmp("t")
		withOk := okForm[ta]
		var cases, pre []ast.Stmt
		for _, st := range session {
			if !types.Implements(st, it) {
				continue
			}
			res := []ast.Expr{id(tName)}
			if basicSession(t, st) {
				// a switch without a variable for these: see typeSwitch's pre
				res = []ast.Expr{&ast.TypeAssertExpr{X: id(xName), Type: typeText(st)}}
			}
			if withOk {
				res = append(res, id("true"))
			}
			c := &ast.CaseClause{List: []ast.Expr{typeText(st)}, Body: []ast.Stmt{&ast.ReturnStmt{Results: res}}}
			if basicSession(t, st) {
				pre = append(pre, c)
			} else {
				cases = append(cases, c)
			}
		}
		cases = append(cases, &ast.CaseClause{List: []ast.Expr{id("nil")}, Body: []ast.Stmt{assign([]ast.Expr{id("_")}, []ast.Expr{id(tName)})}})
		iface := cloneExprAt(rw.c.Fset, ta.Type, pos)
		if iface == nil {
			return x
		}
		results := &ast.FieldList{List: []*ast.Field{{Type: iface}}}
		last := &ast.ReturnStmt{Results: []ast.Expr{&ast.TypeAssertExpr{X: id(xName), Type: ta.Type}}}
		body := []ast.Stmt{define([]ast.Expr{id(xName)}, []ast.Expr{ta.X})}
		if len(pre) > 0 {
			body = append(body, &ast.TypeSwitchStmt{Switch: pos, Assign: &ast.ExprStmt{X: &ast.TypeAssertExpr{X: id(xName)}}, Body: &ast.BlockStmt{List: pre}})
		}
		body = append(body, &ast.TypeSwitchStmt{Switch: pos, Assign: define([]ast.Expr{id(tName)}, []ast.Expr{&ast.TypeAssertExpr{X: id(xName)}}), Body: &ast.BlockStmt{List: cases}})
		switch {
		case withOk && own:
			// yaegi's assertion to a session interface panics on a
			// session value; a compiled value implements none of them.
			results.List = append(results.List, &ast.Field{Type: id("bool")})
			body = append(body, &ast.ReturnStmt{Results: []ast.Expr{id("nil"), id("false")}})
		case withOk:
			// a compiled interface: yaegi's comma-ok assertion answers for
			// the compiled values
			results.List = append(results.List, &ast.Field{Type: id("bool")})
			yName, okName := rw.c.tmp("y"), rw.c.tmp("ok")
			body = append(body,
				define([]ast.Expr{id(yName), id(okName)}, []ast.Expr{&ast.TypeAssertExpr{X: id(xName), Type: cloneExprAt(rw.c.Fset, ta.Type, pos)}}),
				&ast.ReturnStmt{Results: []ast.Expr{id(yName), id(okName)}})
		default:
			body = append(body, last)
		}
		return &ast.CallExpr{Fun: &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}, Results: results}, Body: &ast.BlockStmt{Lbrace: pos, List: body}}, Lparen: ta.End()}
	}
	rw.c.allNodes(func(n ast.Node) bool {
		if sw, ok := n.(*ast.TypeSwitchStmt); ok {
			replaceSwitch(sw, replace)
			return false
		}
		replaceChildren(n, replace)
		return true
	})
}

// replaceSwitch applies f to the expressions of a type switch: its init,
// its guard's operand (the guard's x.(type) is no assertion; its operand
// may hold one) and its body.
func replaceSwitch(sw *ast.TypeSwitchStmt, f func(ast.Expr) ast.Expr) {
	if sw.Init != nil {
		replaceIn(sw.Init, f)
	}
	switch a := sw.Assign.(type) {
	case *ast.AssignStmt:
		if ta, ok := a.Rhs[0].(*ast.TypeAssertExpr); ok {
			ta.X = replaceExpr(ta.X, f)
		}
	case *ast.ExprStmt:
		if ta, ok := a.X.(*ast.TypeAssertExpr); ok {
			ta.X = replaceExpr(ta.X, f)
		}
	}
	replaceIn(sw.Body, f)
}

// replaceExpr applies f to x after its own children.
func replaceExpr(x ast.Expr, f func(ast.Expr) ast.Expr) ast.Expr {
	replaceIn(x, f)
	return f(x)
}

// replaceIn applies f to every expression under n, innermost first.
func replaceIn(n ast.Node, f func(ast.Expr) ast.Expr) {
	ast.Inspect(n, func(n ast.Node) bool {
		if sw, ok := n.(*ast.TypeSwitchStmt); ok {
			replaceSwitch(sw, f)
			return false
		}
		replaceChildren(n, f)
		return true
	})
}

// replaceChildren applies f to the expressions directly under n that an
// assertion can stand in.
func replaceChildren(n ast.Node, f func(ast.Expr) ast.Expr) {
	each := func(xs []ast.Expr) {
		for i := range xs {
			xs[i] = f(xs[i])
		}
	}
	switch n := n.(type) {
	case *ast.AssignStmt:
		each(n.Rhs)
	case *ast.ValueSpec:
		each(n.Values)
	case *ast.ReturnStmt:
		each(n.Results)
	case *ast.CallExpr:
		n.Fun = f(n.Fun)
		each(n.Args)
	case *ast.ExprStmt:
		n.X = f(n.X)
	case *ast.SelectorExpr:
		n.X = f(n.X)
	case *ast.ParenExpr:
		n.X = f(n.X)
	case *ast.BinaryExpr:
		n.X, n.Y = f(n.X), f(n.Y)
	case *ast.UnaryExpr:
		n.X = f(n.X)
	case *ast.StarExpr:
		n.X = f(n.X)
	case *ast.IndexExpr:
		n.X, n.Index = f(n.X), f(n.Index)
	case *ast.KeyValueExpr:
		n.Value = f(n.Value)
	case *ast.CompositeLit:
		each(n.Elts)
	case *ast.SendStmt:
		n.Value = f(n.Value)
	case *ast.IfStmt:
		n.Cond = f(n.Cond)
	case *ast.SwitchStmt:
		if n.Tag != nil {
			n.Tag = f(n.Tag)
		}
	case *ast.CaseClause:
		each(n.List)
	}
}

// goStmt rewrites a go statement whose callee takes an interface the
// session declares (rewrite 4); nil otherwise.
func (rw *ifRewriter) goStmt(g *ast.GoStmt) ast.Stmt {
	t := rw.t
	call := g.Call
	sig, ok := types.Unalias(typeOrNil(t.TypeOf(call.Fun))).(*types.Signature)
	if !ok {
		return nil
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		if _, isFunc := t.Info.Uses[fn].(*types.Func); !isFunc {
			return nil
		}
	case *ast.SelectorExpr:
		x, isIdent := fn.X.(*ast.Ident)
		if !isIdent {
			return nil
		}
		if _, isPkg := t.Info.Uses[x].(*types.PkgName); !isPkg {
			return nil
		}
	default:
		return nil
	}
	needs := false
	for i := 0; i < sig.Params().Len(); i++ {
		if rw.sessionIface(sig.Params().At(i).Type()) {
			needs = true
		}
	}
	if !needs {
		return nil
	}
	var lhs, rhs []ast.Expr
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if tv, ok := t.Info.Types[a]; ok && (tv.Value != nil || tv.IsNil()) {
			args[i] = a // a constant: the same at every time
			continue
		}
		name := rw.c.tmp("a")
		lhs, rhs = append(lhs, id(name)), append(rhs, a)
		args[i] = id(name)
	}
	inner := &ast.GoStmt{Go: g.Go, Call: &ast.CallExpr{
		Fun: &ast.FuncLit{Type: &ast.FuncType{Func: g.Go, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: g.Go, List: []ast.Stmt{
			&ast.ExprStmt{X: &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}},
		}}},
	}}
	// One definition each: yaegi's multiple definition with a composite
	// literal among the values (go f(M{...}, &wg)) loses the others
	// (the goroutine's wg was nil).
	var body []ast.Stmt
	for i := range lhs {
		body = append(body, define([]ast.Expr{lhs[i]}, []ast.Expr{rhs[i]}))
	}
	body = append(body, inner)
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.FuncLit{Type: &ast.FuncType{Func: g.Go, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: g.Go, List: body}}}}
}

func typeOrNil(t types.Type) types.Type {
	if t == nil {
		return types.Typ[types.Invalid]
	}
	return t
}
