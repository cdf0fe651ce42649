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
// result (its underlying type: a named int gets 0), else *new(T) with the
// result's own type expression (structs, arrays, type parameters, and
// every result when the cell was not type-checked). A blank result
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
// after `safeDiv(6, 1)` returned 6, not 0. Locals (`var x []int`) are zeroed by yaegi on every call
// and need nothing. A struct result assigned a composite literal (`p =
// point{}`) then changed field by field loses the changes in yaegi, hence
// *new(T) and not T{}.
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
	for _, f := range ft.Results.List {
		for _, nm := range f.Names {
			zero := zeroValue(c, f.Type, params, pos) // a node of its own for each
			if zero == nil {
				break
			}
			if nm.Name == "_" {
				nm.Name = c.tmp("result")
			}
			// One assignment each: the values are independent, and one
			// statement per result is what the pass's test reads.
			zeroes = append(zeroes, &ast.AssignStmt{
				Lhs: []ast.Expr{&ast.Ident{NamePos: pos, Name: nm.Name}}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{zero},
			})
		}
	}
	body.List = append(zeroes, body.List...)
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

// zeroValue is an expression for the zero value of a result of type
// expression typ, or nil when none can be written safely (see
// passNamedResults).
func zeroValue(c *Cell, typ ast.Expr, params map[string]bool, pos token.Pos) ast.Expr {
	if t := c.types.TypeOf(typ); t != nil {
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
	}
	if params["new"] || namesAny(typ, params) {
		return nil
	}
	written := cloneExprAt(c.Fset, typ, pos)
	if written == nil {
		return nil
	}
	return &ast.StarExpr{Star: pos, X: &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: "new"}, Lparen: pos, Args: []ast.Expr{written}, Rparen: pos}}
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
