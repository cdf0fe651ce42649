package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/typedfmt"
)

// passValues sends the cell's calls of fmt's and log's print functions to
// the runtime's printer, which formats the session's own types as Go does,
// and tells the printer about those types:
//
//	fmt.Printf("%v %T\n", p, p)  => _gkrt.FmtPrintf(3, "%v %T\n", p, p)
//	fmt.Println(f())             => _gkrt.FmtPrintln(4, _gkrt.Tuple(f())...)
//	log.Printf(format, x)        => _gkrt.LogPrintf(5, format, x)
//	logger.Println(x)            => _gkrt.LoggerPrintln(6, logger, x)
//	fmt.Println(shape)           => _gkrt.FmtPrintln(7, []Shape{shape})  (a cell's interface type)
//	strings.Map(f, fmt.Sprint)   => strings.Map(f, _gkrt.Fmt.Sprint)     (no call: no site)
//
// The number is a site (Session.Site): the static type of every
// argument, from the cell's one go/types check (types.go). A call none of whose arguments
// can hold a value of a cell's type — no such type and no interface in what
// fmt would print — is left as it is, so plain prints cost nothing.
//
// For each type the session declares, and again when its String, Error,
// GoString or Format methods change (a method in a later cell, a method
// promoted from an embedded type), the body starts with
//
//	_gkrt.RegisterType("Point", *new(Point))
//	_gkrt.RegisterMethod("Point", "String", false, func(v any) string { return v.(Point).String() })
//
// (true for a method only *Point has; Format's closure is
// func(v any, s fmt.State, c rune)), and likewise MarshalJSON, MarshalText,
// UnmarshalJSON and UnmarshalText for the encoders, and Unwrap for an
// error Errorf wraps. The cell's trailing
// value gets a site too (Session.ShowSite), for its Out.
//
// encoding/json's and encoding/xml's Marshal, MarshalIndent, Unmarshal and
// their Encoders' Encode and Decoders' Decode are routed the same way.
//
// yaegi behaviours answered: compiled code cannot see the methods of
// interpreted types, so fmt calls String only on a top-level argument yaegi
// wraps, never inside a slice, map, struct field or pointer; and an
// interpreted type's reflect type is its underlying type, so %T and %#v
// print float64 for `type Celsius float64` and struct { X int; Y int } for
// Point, and unexported fields carry an X prefix. Passed as its interface
// type, a value of a cell's interface type reaches compiled code without its
// dynamic type; in a one-element slice of that type it keeps it.
func passValues(c *Cell, env Env) error {
	ts := env.Types
	if ts == nil || c.check == nil || !needsCheck(c, ts.HasUserTypes()) {
		return nil
	}
	v := &valuesRewrite{c: c, ts: ts, ck: c.check}
	v.calls()
	v.showSite()
	v.register()
	return nil
}

// needsCheck reports whether the cell is worth a type check: it declares a
// type, or the session has types and the cell prints, shows a value or
// defines variables (whose types later cells need), or it prints from a
// function, which may run once the session has types.
func needsCheck(c *Cell, userTypes bool) bool {
	if declaresTypes(c) {
		return true
	}
	if userTypes && (c.Show != nil && mentionsNames(c.Show) || len(cellVars(c)) > 0) {
		return true
	}
	found := false
	var visit func(root ast.Node, inFunc bool)
	visit = func(root ast.Node, inFunc bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				if !inFunc {
					visit(n.Body, true)
					return false
				}
			case *ast.SelectorExpr:
				if (inFunc || userTypes) && printName(n.Sel.Name) {
					found = true
				}
			}
			return !found
		})
	}
	for _, d := range c.Decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Body != nil {
			visit(f.Body, true)
		} else {
			visit(d, false)
		}
	}
	for _, n := range c.Body {
		visit(n, false)
	}
	if c.Show != nil {
		visit(c.Show, false)
	}
	return found
}

// printName reports whether a selector's name is one of the functions the
// pass routes (fmt's, log's, a *log.Logger's, the encoders').
func printName(name string) bool {
	for _, fns := range ValueFuncs {
		if _, ok := fns[name]; ok {
			return true
		}
	}
	return false
}

type valuesRewrite struct {
	c  *Cell
	ts *Session
	// ck is the cell's check, failed or not (an expression it could not
	// type has no type, or an invalid one: unknown to the pass).
	ck *Types
	// tmplData are the static types of the data the cell's templates
	// execute on: their types' methods are registered for templates.
	tmplData []types.Type
	// instances are the instances of the session's generic types with a
	// fmt method that the cell can name at top level (by that name):
	// their methods are registered for the printer, like a plain type's.
	instances map[string]*types.Named
}

// A printCall is a call the pass routes: its print function, the receiver
// of a *log.Logger method (nil otherwise).
type printCall struct {
	call *ast.CallExpr
	fn   ValueFunc
	recv ast.Expr
}

// calls rewrites the cell's print calls and print functions used as values.
func (v *valuesRewrite) calls() {
	var calls []printCall
	inCall := map[*ast.SelectorExpr]bool{}
	var values []*ast.SelectorExpr
	v.c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if fn, recv, ok := v.printFunc(sel); ok {
				inCall[sel] = true
				calls = append(calls, printCall{call: n, fn: fn, recv: recv})
			}
		case *ast.SelectorExpr:
			if path, ok := v.pkgPrintFunc(n); ok && PrintValues[path] != "" {
				values = append(values, n)
			}
		}
		return true
	})
	for _, pc := range calls {
		v.rewriteCall(pc)
	}
	for _, sel := range values {
		if inCall[sel] {
			continue
		}
		path, _ := v.pkgPrintFunc(sel)
		sel.X = &ast.SelectorExpr{X: &ast.Ident{NamePos: sel.X.Pos(), Name: RuntimePkg}, Sel: id(string(PrintValues[path]))}
	}
}

// pkgPrintFunc reports whether sel is pkg.F for a function F the pass
// routes (fmt.Println, json.Marshal), and which package.
func (v *valuesRewrite) pkgPrintFunc(sel *ast.SelectorExpr) (string, bool) {
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", false
	}
	pn, ok := v.ck.Info.Uses[x].(*types.PkgName)
	if !ok {
		return "", false
	}
	path := pn.Imported().Path()
	if _, ok := ValueFuncs[path][sel.Sel.Name]; !ok {
		return "", false
	}
	return path, true
}

// printFunc reports whether sel, called, is a print function the pass
// routes; recv is a *log.Logger method's receiver.
func (v *valuesRewrite) printFunc(sel *ast.SelectorExpr) (ValueFunc, ast.Expr, bool) {
	if path, ok := v.pkgPrintFunc(sel); ok {
		return ValueFuncs[path][sel.Sel.Name], nil, true
	}
	s, ok := v.ck.Info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return ValueFunc{}, nil, false
	}
	recv := s.Recv()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	for key, fns := range ValueFuncs {
		fn, ok := fns[sel.Sel.Name]
		path, typ, isMethod := strings.Cut(strings.TrimPrefix(key, "*"), ".")
		if !ok || !isMethod || !strings.HasPrefix(key, "*") {
			continue
		}
		// The receiver type is whatever the package calls that name in
		// the interpreter (its log.Logger is yaegi's *stdlib.logLogger).
		pkg := v.ts.imp.loaded(path)
		if pkg == nil || pkg.Scope().Lookup(typ) == nil || !types.Identical(recv, pkg.Scope().Lookup(typ).Type()) {
			continue
		}
		return fn, sel.X, true
	}
	return ValueFunc{}, nil, false
}

// rewriteCall routes one print call, unless none of its arguments needs the
// printer.
func (v *valuesRewrite) rewriteCall(pc printCall) {
	call := pc.call
	if len(call.Args) < pc.fn.Lead {
		return
	}
	lead, args := call.Args[:pc.fn.Lead], call.Args[pc.fn.Lead:]
	var site ValueSite
	tuple := false
	if len(args) == 1 && !call.Ellipsis.IsValid() {
		if t, ok := v.ck.Info.TypeOf(args[0]).(*types.Tuple); ok {
			tuple = true
			for i := 0; i < t.Len(); i++ {
				site.Args = append(site.Args, t.At(i).Type())
			}
		}
	}
	if !tuple {
		for i, a := range args {
			t := v.ck.Info.TypeOf(a)
			if call.Ellipsis.IsValid() && i == len(args)-1 {
				site.Spread = true
				if s, ok := under(t).(*types.Slice); ok {
					t = s.Elem()
				} else {
					t = nil
				}
			}
			site.Args = append(site.Args, t)
		}
	}
	need := plainArg
	for _, t := range site.Args {
		need = max(need, v.classify(t))
	}
	if need == plainArg {
		return
	}
	if (tuple || site.Spread) && v.genericMethods(site.Args) {
		return // left to yaegi's fmt, see genericMethods
	}
	site.Boxed = make([]bool, len(site.Args))
	var newArgs []ast.Expr
	if !tuple {
		newArgs = append(newArgs, args...)
		for i, a := range newArgs {
			if site.Spread && i == len(newArgs)-1 {
				break
			}
			if v.genericMethods(site.Args[i : i+1]) {
				if v.bound(site.Args[i]) {
					newArgs[i] = &ast.CallExpr{Fun: &ast.Ident{NamePos: a.Pos(), Name: BoundName}, Args: []ast.Expr{a}}
				}
				continue
			}
			if box := v.boxType(site.Args[i]); box != nil {
				site.Boxed[i] = true
				newArgs[i] = &ast.CompositeLit{Type: &ast.ArrayType{Lbrack: a.Pos(), Elt: box}, Lbrace: a.Pos(), Elts: []ast.Expr{a}, Rbrace: a.End()}
			}
		}
	} else {
		newArgs = []ast.Expr{&ast.CallExpr{Fun: rt(args[0].Pos(), RTTuple), Args: args, Lparen: args[0].Pos(), Rparen: args[0].End()}}
		call.Ellipsis = args[0].End()
	}
	if pc.fn.RT == RTTemplateExecute || pc.fn.RT == RTTemplateExecuteTemplate {
		v.tmplData = append(v.tmplData, site.Args...)
	}
	idLit := &ast.BasicLit{ValuePos: call.Lparen, Kind: token.INT, Value: strconv.Itoa(v.ts.addSite(site))}
	out := []ast.Expr{idLit}
	if pc.recv != nil {
		out = append(out, pc.recv)
	}
	out = append(out, lead...)
	call.Args = append(out, newArgs...)
	call.Fun = rt(call.Fun.Pos(), pc.fn.RT)
}

// boxType is the type expression of the one-element slice an argument of a
// cell's own interface type travels in, or nil.
func (v *valuesRewrite) boxType(t types.Type) ast.Expr {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !v.isUser(n) || n.TypeArgs().Len() > 0 || !types.IsInterface(n) || n.Obj().Parent() != v.ck.Pkg.Scope() {
		return nil
	}
	return id(n.Obj().Name())
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// isUser reports whether n was declared by a cell.
func (v *valuesRewrite) isUser(n *types.Named) bool {
	return n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == UserPkg
}

// argKind orders what the printer must do for an argument.
type argKind int

const (
	plainArg   argKind = iota // yaegi's fmt prints it as Go would
	dynamicArg                // an interface: look at the value
	userArg                   // a cell's type is in it
)

// classify tells what printing a value of static type t involves: a cell's
// type somewhere fmt would look (through pointers only at the top, as fmt
// prints a pointer inside a value as an address), an interface, or neither.
func (v *valuesRewrite) classify(t types.Type) argKind {
	if !valid(t) {
		return dynamicArg
	}
	kind := plainArg
	seen := map[types.Type]bool{}
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		t = types.Unalias(t)
		if kind == userArg || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.TypeParam:
			kind = max(kind, dynamicArg)
			return
		case *types.Named:
			if v.isUser(t) {
				kind = userArg
				return
			}
			if types.IsInterface(t) {
				kind = max(kind, dynamicArg)
				return
			}
			if hasFmtMethod(t) {
				return // fmt calls it and looks no further
			}
			walk(t.Underlying(), depth)
			return
		}
		switch t := t.Underlying().(type) {
		case *types.Interface:
			kind = max(kind, dynamicArg)
		case *types.Pointer:
			if depth == 0 {
				walk(t.Elem(), 1)
			} else if v.mentionsUser(t) {
				kind = userArg // %#v names it
			}
		case *types.Slice:
			walk(t.Elem(), depth+1)
		case *types.Array:
			walk(t.Elem(), depth+1)
		case *types.Map:
			walk(t.Key(), depth+1)
			walk(t.Elem(), depth+1)
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				walk(t.Field(i).Type(), depth+1)
			}
		case *types.Chan, *types.Signature:
			if v.mentionsUser(t) {
				kind = userArg
			}
		}
	}
	walk(t, 0)
	return kind
}

// mentionsUser reports whether a cell's type appears anywhere in t.
func (v *valuesRewrite) mentionsUser(t types.Type) bool {
	found := false
	walkType(t, map[types.Type]bool{}, func(t types.Type) {
		if n, ok := t.(*types.Named); ok && v.isUser(n) {
			found = true
		}
	})
	return found
}

// hasFmtMethod reports whether fmt would format a value of the compiled
// type t by calling one of its methods.
func hasFmtMethod(t types.Type) bool {
	for _, m := range fmtMethods {
		if fmtMethod(t, m) != nil {
			return true
		}
	}
	return false
}

// fmtMethods are the methods fmt calls, in the order it prefers them.
var fmtMethods = []string{"Format", "GoString", "Error", "String"}

// registered are the methods the printer is told about: fmt's, and those
// of encoding/json's and encoding's interfaces.
var registered = append(append([]string{}, fmtMethods...), "MarshalJSON", "MarshalText", "UnmarshalJSON", "UnmarshalText", "Unwrap")

// fmtMethod returns t's method name if it has the signature the interface
// that fmt or an encoder asks for: Format(fmt.State, rune); GoString,
// Error, String func() string; MarshalJSON and MarshalText
// func() ([]byte, error); UnmarshalJSON and UnmarshalText
// func([]byte) error; Unwrap func() error.
func fmtMethod(t types.Type, name string) *types.Selection {
	return methodFits(types.NewMethodSet(t), name)
}

// methodFits is fmtMethod on a method set.
func methodFits(ms *types.MethodSet, name string) *types.Selection {
	sel := ms.Lookup(nil, name)
	if sel == nil {
		return nil
	}
	sig, ok := sel.Type().(*types.Signature)
	if !ok || sig.Variadic() {
		return nil
	}
	isBytes := func(t types.Type) bool {
		s, ok := t.(*types.Slice)
		if !ok {
			return false
		}
		b, ok := types.Unalias(s.Elem()).(*types.Basic)
		return ok && b.Kind() == types.Uint8
	}
	isError := func(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }
	switch name {
	case "MarshalJSON", "MarshalText":
		if sig.Params().Len() == 0 && sig.Results().Len() == 2 &&
			isBytes(sig.Results().At(0).Type()) && isError(sig.Results().At(1).Type()) {
			return sel
		}
		return nil
	case "UnmarshalJSON", "UnmarshalText":
		if sig.Params().Len() == 1 && sig.Results().Len() == 1 &&
			isBytes(sig.Params().At(0).Type()) && isError(sig.Results().At(0).Type()) {
			return sel
		}
		return nil
	case "Unwrap":
		if sig.Params().Len() == 0 && sig.Results().Len() == 1 && isError(sig.Results().At(0).Type()) {
			return sel
		}
		return nil
	}
	if name == "Format" {
		if sig.Params().Len() != 2 || sig.Results().Len() != 0 {
			return nil
		}
		st, ok := types.Unalias(sig.Params().At(0).Type()).(*types.Named)
		r, ok2 := sig.Params().At(1).Type().(*types.Basic)
		if !ok || !ok2 || st.Obj().Pkg() == nil || st.Obj().Pkg().Path() != "fmt" || st.Obj().Name() != "State" || r.Kind() != types.Int32 {
			return nil
		}
		return sel
	}
	if sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return nil
	}
	if b, ok := sig.Results().At(0).Type().(*types.Basic); !ok || b.Kind() != types.String {
		return nil
	}
	return sel
}

// showSite records the static types of the cell's trailing value.
func (v *valuesRewrite) showSite() {
	if v.c.Show == nil {
		return
	}
	t := v.ck.Info.TypeOf(v.c.Show)
	if t == nil {
		return
	}
	var site ValueSite
	if tup, ok := t.(*types.Tuple); ok {
		for i := 0; i < tup.Len(); i++ {
			site.Args = append(site.Args, tup.At(i).Type())
		}
	} else {
		site.Args = []types.Type{t}
	}
	need := plainArg
	for _, t := range site.Args {
		need = max(need, v.classify(t))
	}
	if need == plainArg {
		return
	}
	if v.genericMethods(site.Args) {
		if len(site.Args) == 1 {
			v.ts.mu.Lock()
			v.ts.sprint = map[*Cell]bool{v.c: true}
			v.ts.mu.Unlock()
		}
		return
	}
	id := v.ts.addSite(site)
	v.ts.mu.Lock()
	v.ts.show = map[*Cell]int{v.c: id}
	v.ts.mu.Unlock()
}

// register prepends to the body the registration of every type of the
// session whose fmt and encoding methods the printer does not know yet.
func (v *valuesRewrite) register() {
	scope := v.ck.Pkg.Scope()
	names := scope.Names()
	sort.Strings(names)
	var stmts []ast.Stmt
	v.ts.mu.Lock()
	p := v.ck.registered
	// Method sets change only with a declaration: a cell without one
	// registers nothing new (templates aside).
	if !declaresTypes(v.c) {
		names = nil
	}
	for _, name := range names {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		n, ok := tn.Type().(*types.Named)
		if !ok || n.TypeParams().Len() > 0 || types.IsInterface(n) {
			continue
		}
		methods, key := v.methodsOf(n)
		old, known := v.ts.registered[name]
		if known && old == key {
			continue
		}
		p[name] = key
		if !known {
			stmts = append(stmts, regCall(RTRegisterType, str(name), &ast.StarExpr{X: &ast.CallExpr{Fun: id("new"), Args: []ast.Expr{id(name)}}}))
		}
		for _, m := range methods {
			if fn := v.closure(name, m.name, m.ptr); fn != nil {
				stmts = append(stmts, regCall(RTRegisterMethod, str(name), str(m.name), id(strconv.FormatBool(m.ptr)), fn))
			}
		}
	}
	stmts = append(stmts, v.registerTemplates(p)...)
	v.ts.mu.Unlock()
	stmts = append(stmts, v.registerInstances()...)
	if len(stmts) == 0 {
		return
	}
	body := make([]ast.Node, 0, len(stmts)+len(v.instances)+len(v.c.Body))
	// yaegi v0.16.1 instantiates a generic type at package level only: an
	// assertion v.(Box[int]) in the registration's closure, compiled before
	// anything at top level named Box[int], fails "type not found:
	// Box[int]". A package-level `var _ Box[int]` first instantiates it.
	for _, s := range slices.Sorted(maps.Keys(v.instances)) {
		if t := typeExpr(s, token.NoPos); t != nil {
			body = append(body, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id("_")}, Type: t}}})
		}
	}
	for _, s := range stmts {
		body = append(body, s)
	}
	v.c.Body = append(body, v.c.Body...)
}

type regMethod struct {
	name string
	ptr  bool
}

// methodsOf lists the fmt methods of n's method set (ptr false) or only of
// *n's (ptr true), and a key that changes when they do.
func (v *valuesRewrite) methodsOf(n *types.Named) ([]regMethod, string) {
	var out []regMethod
	var key []string
	value, ptr := types.NewMethodSet(n), types.NewMethodSet(types.NewPointer(n))
	for _, m := range registered {
		switch {
		case methodFits(value, m) != nil:
			out = append(out, regMethod{m, false})
			key = append(key, m)
		case methodFits(ptr, m) != nil:
			out = append(out, regMethod{m, true})
			key = append(key, "*"+m)
		}
	}
	return out, strings.Join(key, " ")
}

// closure is the registered closure calling method m of type name:
//
//	func(v any) string { return v.(T).String() }
//	func(v any, s fmt.State, c rune) { v.(*T).Format(s, c) }
func (v *valuesRewrite) closure(name, m string, ptr bool) *ast.FuncLit {
	var recvType ast.Expr = id(name)
	if strings.ContainsAny(name, "[.") { // an instance, Pair[string, int]
		if recvType = typeExpr(name, token.NoPos); recvType == nil {
			return nil
		}
	}
	if ptr {
		recvType = &ast.StarExpr{X: recvType}
	}
	recv := &ast.TypeAssertExpr{X: id("v"), Type: recvType}
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: recv, Sel: id(m)}}
	params := []*ast.Field{{Names: []*ast.Ident{id("v")}, Type: id("any")}}
	bytes := func() ast.Expr { return &ast.ArrayType{Elt: id("byte")} }
	results := func(ts ...ast.Expr) *ast.FieldList {
		l := &ast.FieldList{}
		for _, t := range ts {
			l.List = append(l.List, &ast.Field{Type: t})
		}
		return l
	}
	switch m {
	case "Unwrap":
		// func(v any) error { return v.(T).Unwrap() }
		return &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: results(id("error"))},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{call}}}}}
	case "MarshalJSON", "MarshalText":
		// func(v any) ([]byte, error) { return v.(T).MarshalJSON() }
		return &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: results(bytes(), id("error"))},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{call}}}}}
	case "UnmarshalJSON", "UnmarshalText":
		// func(v any, b []byte) error { return v.(*T).UnmarshalJSON(b) }
		params = append(params, &ast.Field{Names: []*ast.Ident{id("b")}, Type: bytes()})
		call.Args = []ast.Expr{id("b")}
		return &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: results(id("error"))},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{call}}}}}
	}
	if m == "Format" {
		fmtName, ok := v.ck.names["fmt"]
		if !ok {
			return nil
		}
		params = append(params,
			&ast.Field{Names: []*ast.Ident{id("s")}, Type: &ast.SelectorExpr{X: id(fmtName), Sel: id("State")}},
			&ast.Field{Names: []*ast.Ident{id("c")}, Type: id("rune")})
		call.Args = []ast.Expr{id("s"), id("c")}
		return &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{List: params}},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: call}}}}
	}
	return &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: &ast.FieldList{List: []*ast.Field{{Type: id("string")}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{call}}}},
	}
}

func regCall(f RuntimeFunc, args ...ast.Expr) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: rt(token.NoPos, f), Args: args}}
}

func str(s string) *ast.BasicLit { return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(s)} }

// registerTemplates registers, for templates, the exported methods without
// parameters of every cell type the cell's templates can reach from their
// data; ts.mu is held.
func (v *valuesRewrite) registerTemplates(p map[string]string) []ast.Stmt {
	var stmts []ast.Stmt
	seen := map[*types.Named]bool{}
	for _, t := range v.tmplData {
		walkType(t, map[types.Type]bool{}, func(t types.Type) {
			n, ok := t.(*types.Named)
			if !ok || seen[n] || !v.isUser(n) || n.TypeArgs().Len() > 0 || n.Obj().Parent() != v.ck.Pkg.Scope() {
				return
			}
			seen[n] = true
			name := n.Obj().Name()
			var key []string
			var regs []ast.Stmt
			for _, ptr := range []bool{false, true} {
				var recv types.Type = n
				if ptr {
					recv = types.NewPointer(n)
				}
				ms := types.NewMethodSet(recv)
				for i := 0; i < ms.Len(); i++ {
					m := ms.At(i).Obj().(*types.Func)
					sig := m.Type().(*types.Signature)
					if !m.Exported() || sig.Params().Len() != 0 || !templateResults(sig.Results()) {
						continue
					}
					if ptr && types.NewMethodSet(n).Lookup(nil, m.Name()) != nil {
						continue // a value method, registered already
					}
					key = append(key, strconv.FormatBool(ptr)+m.Name())
					regs = append(regs, regCall(RTRegisterMethod, str(name), str(TemplateMethod+m.Name()), id(strconv.FormatBool(ptr)),
						templateClosure(name, m.Name(), ptr, sig.Results().Len() == 2)))
				}
			}
			k := strings.Join(key, " ")
			if old, ok := v.ts.registered[name+" tmpl"]; (ok && old == k) || len(regs) == 0 {
				return
			}
			p[name+" tmpl"] = k
			stmts = append(stmts, regs...)
		})
	}
	return stmts
}

// templateResults reports whether a method's results are what a template
// can call: one value, or a value and an error.
func templateResults(r *types.Tuple) bool {
	switch r.Len() {
	case 1:
		return true
	case 2:
		return types.Identical(r.At(1).Type(), types.Universe.Lookup("error").Type())
	}
	return false
}

// templateClosure is func(v any) (any, error) { return v.(T).M(), nil },
// or { return v.(T).M() } for a method that returns an error too.
func templateClosure(name, m string, ptr, withErr bool) *ast.FuncLit {
	var recvType ast.Expr = id(name)
	if ptr {
		recvType = &ast.StarExpr{X: id(name)}
	}
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.TypeAssertExpr{X: id("v"), Type: recvType}, Sel: id(m)}}
	results := []ast.Expr{call}
	if !withErr {
		results = append(results, id("nil"))
	}
	return &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{id("v")}, Type: id("any")}}},
			Results: &ast.FieldList{List: []*ast.Field{{Type: id("any")}, {Type: id("error")}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: results}}},
	}
}

// bound reports whether an argument of type t is an instance of a
// session's generic type with a fmt method (or a pointer to one): it
// travels as BoundName(arg), its text made by yaegi's fmt.
func (v *valuesRewrite) bound(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	return ok && n.TypeArgs().Len() > 0 && v.genericMethods([]types.Type{t})
}

// genericMethods reports whether the types mention an instance of a
// session's generic type with a method fmt calls that the printer cannot
// call. It can call one of an instance the cell can write at top level
// (Pair[string, int]): register registers a closure for it, as for a
// plain type, and records it in v.instances. It cannot for an instance
// written with a type parameter (Pair[K, V] in a generic function), nor
// one of a type the cell cannot name: yaegi's own fmt can, for a value
// passed to it directly: a top-level argument gets its text that way
// (BoundName), a trailing value too (ShowSprint); one inside another value
// prints without its method, as yaegi's fmt prints it.
func (v *valuesRewrite) genericMethods(ts []types.Type) bool {
	found := false
	for _, t := range ts {
		walkType(t, map[types.Type]bool{}, func(t types.Type) {
			if n, ok := t.(*types.Named); ok && n.TypeArgs().Len() > 0 && v.isUser(n) {
				if ms, _ := v.methodsOf(n); len(ms) > 0 {
					if s, ok := v.ck.Expr(n); ok && !mentionsTypeParam(n.TypeArgs()) && !hasLocalType(n, v.ck.Pkg) {
						if v.instances == nil {
							v.instances = map[string]*types.Named{}
						}
						v.instances[s] = n
						return
					}
					found = true
				}
			}
		})
	}
	return found
}

// registerInstances is the registration of the methods of v.instances,
// under the printer's name for each (typedfmt's userKey: Pair[string,int]).
func (v *valuesRewrite) registerInstances() []ast.Stmt {
	var stmts []ast.Stmt
	for _, s := range slices.Sorted(maps.Keys(v.instances)) {
		n := v.instances[s]
		key := strings.TrimPrefix(typedfmt.TypeName(n, UserPkg), UserPkg+".")
		methods, _ := v.methodsOf(n)
		for _, m := range methods {
			if fn := v.closure(s, m.name, m.ptr); fn != nil {
				stmts = append(stmts, regCall(RTRegisterMethod, str(key), str(m.name), id(strconv.FormatBool(m.ptr)), fn))
			}
		}
	}
	return stmts
}

// mentionsNames reports whether an expression uses any name (a variable, a
// function, a type): one made of literals and operators alone, as 1 or
// 2 * 3.5, has a predeclared type.
func mentionsNames(x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		if _, ok := n.(*ast.Ident); ok {
			found = true
		}
		return !found
	})
	return found
}
