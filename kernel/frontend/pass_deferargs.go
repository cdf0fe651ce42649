package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
)

// passDeferArgs evaluates the arguments of a deferred call at the defer
// statement, as Go does, by binding each one that is not a literal to a
// fresh variable first:
//
//	defer fmt.Println("x =", x)
//	=> _gk_a1 := x; defer fmt.Println("x =", _gk_a1)
//
// yaegi behaviour answered: yaegi v0.16.1 binds a deferred call's arguments
// to the variables they name, not to their values (measured: x := 1; defer
// fmt.Println(x); x = 2 prints 2, and a defer in a loop prints the last
// value for every iteration); a variable declared just before the defer
// statement is fresh per execution, so the deferred call sees its own
// value. Literal arguments stay in place, so untyped constants keep
// adapting to the parameter type (time.Sleep(10)). A deferred function
// literal's free variables are left alone, except those declared inside a
// loop around the defer (see bindLoopVars).
func passDeferArgs(c *Cell, env Env) error {
	bindLoopVars(c)
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			return []ast.Stmt{s}
		}
		var pre []ast.Stmt
		for i, a := range d.Call.Args {
			if isLiteral(a) {
				continue
			}
			if _, ok := a.(*ast.FuncLit); ok {
				continue
			}
			name := c.tmp("a")
			pre = append(pre, define([]ast.Expr{id(name)}, []ast.Expr{a}))
			d.Call.Args[i] = &ast.Ident{NamePos: a.Pos(), Name: name}
		}
		return append(pre, d)
	})
	return nil
}

func isLiteral(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.BasicLit:
		return true
	case *ast.UnaryExpr:
		return isLiteral(x.X)
	case *ast.BinaryExpr:
		return isLiteral(x.X) && isLiteral(x.Y)
	}
	return false
}

// bindLoopVars hands a deferred function literal in a loop the variables it
// uses that the loop declares (its own variables and its body's) through
// pointers taken at the defer, the checker telling their types:
//
//	for i := 0; i < 3; i++ { defer func() { fmt.Println(i) }() }
//	=> for i := 0; i < 3; i++ { defer func(_gk_v1 *int) { i := *_gk_v1; fmt.Println(i) }(&i) }
//
// (then passDeferArgs binds the argument to a fresh variable).
//
// yaegi behaviour answered: a closure captures its function's frame, and
// yaegi keeps a loop's variables — the per-iteration copies of the loopvar
// pass included — in one slot of that frame for all iterations, so every
// deferred literal saw the last iteration's values (`deferred 2` three
// times where Go 1.22 prints 2 1 0); the loopframe pass cannot give the
// body a frame of its own, since its defer would then run at the end of the
// iteration. The address of such a variable is the iteration's own
// (measured: `x := i; ps = append(ps, &x)` keeps three values), so the
// deferred call reads the value the iteration's variable has when it runs,
// as in Go, writes after the defer statement included. A variable the
// literal itself assigns, increments, addresses or calls a method on stays
// captured (a copy would not carry the change back), as does one whose type
// the cell cannot write. Only cells the checker typed are rewritten.
func bindLoopVars(c *Cell) {
	t := c.types
	if t == nil {
		return
	}
	var stack []ast.Node
	visit := func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		d, ok := n.(*ast.DeferStmt)
		if !ok {
			return true
		}
		lit, ok := d.Call.Fun.(*ast.FuncLit)
		if !ok {
			return true
		}
		// The outermost loop around the defer in the same function.
		var loop ast.Node
	up:
		for i := len(stack) - 2; i >= 0; i-- {
			switch s := stack[i].(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				break up
			case *ast.ForStmt, *ast.RangeStmt:
				loop = s
			}
		}
		if loop != nil {
			bindDeferred(c, t, loop, d, lit)
		}
		return true
	}
	for _, d := range c.Decls {
		ast.Inspect(d, visit)
	}
	for _, n := range c.Body {
		ast.Inspect(n, visit)
	}
}

// bindDeferred passes lit, deferred by d in loop, pointers to the loop's
// variables it uses (see bindLoopVars).
func bindDeferred(c *Cell, t *Types, loop ast.Node, d *ast.DeferStmt, lit *ast.FuncLit) {
	lo, hi := span(loop)
	ref := func(x ast.Expr) *types.Var {
		i, ok := ast.Unparen(x).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := t.Info.Uses[i].(*types.Var)
		if !ok || v.Name() != i.Name { // a pass renamed the ident
			return nil
		}
		return v
	}
	// root is the variable an assigned or addressed expression is part of.
	var root func(x ast.Expr) *types.Var
	root = func(x ast.Expr) *types.Var {
		switch x := ast.Unparen(x).(type) {
		case *ast.SelectorExpr:
			return root(x.X)
		case *ast.IndexExpr:
			if _, isSlice := t.TypeOf(x.X).(*types.Slice); isSlice {
				return nil // an element, not the slice variable
			}
			return root(x.X)
		}
		return ref(x)
	}
	// The variables lit uses, declared in the loop outside lit, in order.
	var uses []*types.Var
	seen := map[*types.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		x, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v := ref(x)
		if v == nil || seen[v] || v.Pos() < lo || v.Pos() >= hi || v.Pos() >= lit.Pos() && v.Pos() < lit.End() {
			return true
		}
		seen[v] = true
		uses = append(uses, v)
		return true
	})
	if len(uses) == 0 {
		return
	}
	// Written, or addressed, by lit itself.
	written := map[*types.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		var xs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				xs = n.Lhs
			}
		case *ast.IncDecStmt:
			xs = []ast.Expr{n.X}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				xs = []ast.Expr{n.X}
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				xs = []ast.Expr{sel.X} // perhaps a pointer method
			}
		}
		for _, x := range xs {
			if v := root(x); v != nil {
				written[v] = true
			}
		}
		return true
	})
	var fields []*ast.Field
	var args []ast.Expr
	var copies []ast.Stmt
	for _, v := range uses {
		if written[v] {
			continue
		}
		ts, ok := t.Expr(types.NewPointer(v.Type()))
		if !ok {
			continue
		}
		typ := typeExpr(ts, d.Defer)
		if typ == nil {
			continue
		}
		p := c.tmp("v")
		fields = append(fields, &ast.Field{Names: []*ast.Ident{{NamePos: d.Defer, Name: p}}, Type: typ})
		args = append(args, &ast.UnaryExpr{OpPos: d.Defer, Op: token.AND, X: &ast.Ident{NamePos: d.Defer, Name: v.Name()}})
		copies = append(copies, define([]ast.Expr{id(v.Name())}, []ast.Expr{&ast.StarExpr{X: id(p)}}))
	}
	if len(fields) == 0 {
		return
	}
	if lit.Type.Params == nil {
		lit.Type.Params = &ast.FieldList{}
	}
	lit.Type.Params.List = append(fields, lit.Type.Params.List...)
	lit.Body.List = append(copies, lit.Body.List...)
	d.Call.Args = append(args, d.Call.Args...)
}

// span is the range of the source positions in n (a pass's new nodes have
// none).
func span(n ast.Node) (lo, hi token.Pos) {
	ast.Inspect(n, func(m ast.Node) bool {
		if m == nil {
			return true
		}
		if p := m.Pos(); p.IsValid() && (lo == token.NoPos || p < lo) {
			lo = p
		}
		if e := m.End(); e.IsValid() && e > hi {
			hi = e
		}
		return true
	})
	return lo, hi
}
