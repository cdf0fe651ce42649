package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
)

// passNamedResults makes every named result of a function, method or
// function literal the cell writes start at its zero value, by assigning
// it as the body's first statements:
//
//	func g(n int) (got []int, ok bool) { body }
//	=>  func g(n int) (got []int, ok bool) { got = nil; ok = false; body }
//
// Unnamed results of a function with a defer statement of its own are
// given fresh names first, then zeroed the same way: a deferred recover()
// makes the function return its results as they are when it panicked
// (zero values in Go):
//
//	func safeDiv(a, b int) int { defer func() { recover() }(); return a / b }
//	=>  func safeDiv(a, b int) (_gk_result1 int) { _gk_result1 = 0; defer …; return a / b }
//
// The zero value is nil, 0, "" or false by the checker's type of the
// result (its underlying type: a named int gets 0), else a variable
// declared with the result's own type expression (`var _gk_zero1 T;
// p = _gk_zero1`: structs, arrays, type parameters, and every result
// when the cell was not type-checked). An assignment of several values
// to results is split (splitAssigns), and a composite literal assigned
// to a result is put in parentheses (parenLiterals). A blank result
// (`_ []int`) is renamed to a fresh name first, so that it can be zeroed.
// A result whose type expression names one of the function's parameters
// (a parameter shadowing a type or package name) is left alone: inside
// the body the name would mean the parameter.
//
// yaegi behaviour answered: yaegi v0.16.1 (interp/run.go, call) does not
// give a call's results fresh storage: the callee's result slots are the
// caller's slots that receive the values, and they are not reset. A named
// result therefore starts with what the same call site received the last
// time: `for _, k := range []int{2, 3} { fmt.Println(g(k)) }` printed
// `[0 1 0 1 2] true` the second time, where Go prints `[0 1 2] true`. The
// first run of a call site is right (a fresh slot is zero), so straight-line
// calls were; a call in a loop, or in a function that calls itself from a
// loop, was not. Unnamed results are set by every return statement, but
// not when a deferred recover() ends a panic: `safeDiv(6, 0)` in a loop
// after `safeDiv(6, 1)` returned 6, not 0. Locals (`var x []int`) are
// zeroed by yaegi on every call and need nothing. The zero is not T{}
// (parenLiterals) nor *new(T) (yaegi's code for new(Pair[K, V]) in a
// generic function dereferences a nil pointer).
func passNamedResults(c *Cell, env Env) error {
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				zeroResults(c, n.Recv, n.Type, n.Body)
			}
		case *ast.FuncLit:
			zeroResults(c, nil, n.Type, n.Body)
		}
		return true
	})
	return nil
}

// zeroResults puts the assignments of passNamedResults at the start of
// body.
func zeroResults(c *Cell, recv *ast.FieldList, ft *ast.FuncType, body *ast.BlockStmt) {
	if ft.Results == nil || len(ft.Results.List) == 0 {
		return
	}
	if len(ft.Results.List[0].Names) == 0 {
		if !hasOwnDefer(body) {
			return // every way out is a return statement, which sets them all
		}
		// A recovered panic returns the results as they are: name them.
		for _, f := range ft.Results.List {
			f.Names = []*ast.Ident{{NamePos: f.Type.Pos(), Name: c.tmp("result")}}
		}
	}
	params := map[string]bool{}
	for _, fl := range []*ast.FieldList{recv, ft.Params, ft.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, nm := range f.Names {
				params[nm.Name] = true
			}
		}
	}
	pos := body.Lbrace
	var zeroes []ast.Stmt
	names := map[string]bool{}
	for _, f := range ft.Results.List {
		for _, nm := range f.Names {
			if nm.Name == "_" {
				nm.Name = c.tmp("result")
			}
			zero := zeroStmts(c, nm.Name, f.Type, params, pos)
			if zero == nil {
				break
			}
			names[nm.Name] = true
			zeroes = append(zeroes, zero...)
		}
	}
	body.List = append(zeroes, body.List...)
	splitAssigns(c, body, names) // first: it reads the checker's types of the values
	parenLiterals(body, names)
}

// splitAssigns writes an assignment of several values to variables one
// of which is in names (`p, err = q, errors.New("x")`, in body or in a
// function literal in it) as temporaries, then one assignment each:
//
//	_gk_v1 := q; _gk_v2 := errors.New("x"); p = _gk_v1; err = _gk_v2
//
// Constants (nil included) are assigned as they are; the left-hand sides
// must all be names, and a right-hand side of untyped type that is not a
// constant (a comparison: its temporary would be a bool) leaves the
// statement as it is, as does a cell that was not type-checked.
//
// yaegi behaviour answered: in such an assignment a struct value (a
// variable, a literal, in parentheses or not) replaces the named result's
// slot instead of setting it: the caller receives the zero value (`{0 0}
// x`, and `(point{-1, -1}), nil` even panics with "reflect: New(nil)").
// One assignment of a name to a named result sets it.
func splitAssigns(c *Cell, body *ast.BlockStmt, names map[string]bool) {
	if c.types == nil {
		return
	}
	rewriteLists(body, func(st ast.Stmt) []ast.Stmt {
		a, ok := st.(*ast.AssignStmt)
		if !ok || a.Tok != token.ASSIGN || len(a.Lhs) < 2 || len(a.Lhs) != len(a.Rhs) {
			return []ast.Stmt{st}
		}
		toResult := false
		for _, l := range a.Lhs {
			x, ok := l.(*ast.Ident)
			if !ok {
				return []ast.Stmt{st}
			}
			toResult = toResult || names[x.Name]
		}
		if !toResult {
			return []ast.Stmt{st}
		}
		vals := make([]ast.Expr, len(a.Rhs))
		var out []ast.Stmt
		for i, r := range a.Rhs {
			tv, typed := c.types.Info.Types[r]
			switch {
			case !typed:
				return []ast.Stmt{st}
			case tv.Value != nil || tv.IsNil():
				vals[i] = r
			case isUntyped(tv.Type):
				return []ast.Stmt{st}
			default:
				v := &ast.Ident{NamePos: r.Pos(), Name: c.tmp("v")}
				out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{v}, TokPos: r.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{ast.Unparen(r)}})
				vals[i] = &ast.Ident{NamePos: r.Pos(), Name: v.Name}
			}
		}
		for i, l := range a.Lhs {
			if l.(*ast.Ident).Name == "_" && vals[i] == a.Rhs[i] {
				continue // a constant to nothing
			}
			out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{l}, TokPos: a.TokPos, Tok: token.ASSIGN, Rhs: []ast.Expr{vals[i]}})
		}
		return out
	})
}

// isUntyped reports whether t is an untyped basic type.
func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}

// parenLiterals puts in parentheses a composite literal assigned (=) on
// its own to one of names, in body and in the function literals in it.
//
// yaegi behaviour answered: a struct literal assigned to a named result
// (`p = point{1, 2}`, also from a deferred literal) replaces the result's slot instead of setting it, so
// the value never reaches the caller: the call returns what the slot held
// before (`{0 0} false`). The literal in parentheses is first made, then
// copied in, as any other value.
func parenLiterals(body *ast.BlockStmt, names map[string]bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		a, ok := n.(*ast.AssignStmt)
		if !ok || a.Tok != token.ASSIGN || len(a.Lhs) != 1 {
			return true // several values: splitAssigns (in parentheses, yaegi panics on `p, err = (T{}), nil`)
		}
		toResult := false
		for _, l := range a.Lhs {
			if x, ok := l.(*ast.Ident); ok && names[x.Name] {
				toResult = true
			}
		}
		if !toResult {
			return true
		}
		for i, r := range a.Rhs {
			if lit, ok := r.(*ast.CompositeLit); ok {
				a.Rhs[i] = &ast.ParenExpr{Lparen: lit.Pos(), X: lit, Rparen: lit.End() - 1}
			}
		}
		return true
	})
}

// hasOwnDefer reports whether body has a defer statement of its own (not
// one of a function literal in it).
func hasOwnDefer(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.DeferStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// zeroStmts assign the zero value of a result name of type expression
// typ (see passNamedResults), nil when none can be written safely.
func zeroStmts(c *Cell, name string, typ ast.Expr, params map[string]bool, pos token.Pos) []ast.Stmt {
	set := func(x ast.Expr) *ast.AssignStmt {
		return &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: pos, Name: name}}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{x}}
	}
	if t := c.types.TypeOf(typ); t != nil {
		if x := zeroLiteral(t, pos); x != nil {
			return []ast.Stmt{set(x)}
		}
	}
	if namesAny(typ, params) {
		return nil
	}
	written := cloneExprAt(c.Fset, typ, pos)
	if written == nil {
		return nil
	}
	z := c.tmp("zero")
	decl := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{{NamePos: pos, Name: z}}, Type: written},
	}}}
	return []ast.Stmt{decl, set(&ast.Ident{NamePos: pos, Name: z})}
}

// zeroLiteral is nil, 0, "" or false for a type whose zero value is one,
// else nil.
func zeroLiteral(t types.Type, pos token.Pos) ast.Expr {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return &ast.Ident{NamePos: pos, Name: "false"}
		case u.Info()&types.IsString != 0:
			return &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: `""`}
		case u.Info()&types.IsNumeric != 0:
			return &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "0"}
		case u.Kind() == types.UnsafePointer:
			return &ast.Ident{NamePos: pos, Name: "nil"}
		}
	case *types.Slice, *types.Map, *types.Pointer, *types.Signature, *types.Chan:
		return &ast.Ident{NamePos: pos, Name: "nil"}
	case *types.Interface:
		if _, isParam := t.(*types.TypeParam); !isParam {
			return &ast.Ident{NamePos: pos, Name: "nil"}
		}
	}
	return nil
}

// namesAny reports whether the type expression typ refers to one of names
// (a field name or a selected name is not a reference).
func namesAny(typ ast.Expr, names map[string]bool) bool {
	notRefs := map[*ast.Ident]bool{}
	found := false
	ast.Inspect(typ, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			for _, nm := range n.Names {
				notRefs[nm] = true
			}
		case *ast.SelectorExpr:
			notRefs[n.Sel] = true
		case *ast.Ident:
			if !notRefs[n] && names[n.Name] {
				found = true
			}
		}
		return !found
	})
	return found
}
