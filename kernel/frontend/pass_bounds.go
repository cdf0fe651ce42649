package frontend

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
)

// passBounds makes index and slice expressions check their bounds before
// the interpreter evaluates them, so that a bad index panics with Go's
// runtime error and its values:
//
//	a[i]          a[_gkrt.Index(i, len(a), line)]
//	s[lo:hi]      s[lo:_gkrt.Slice(lo, hi, cap(s), flags, line)]
//	s[lo:]        s[_gkrt.Slice(lo, len(s), cap(s), flags|BoundsRetLo, line):]
//	s[a:b:c]      s[a:b:_gkrt.Slice3(a, b, c, cap(s), flags, line)]
//
// (IndexU for an unsigned or constant index; len instead of cap, and the
// BoundsLen flag, for a string; an array's constant length.) The check returns the bound it
// stands for, so the expression stays an index or slice expression: a[i] =
// v, a[i]++, &a[i] and a[i].f = v are as assignable as before.
//
// yaegi behaviour answered: yaegi v0.16.1 indexes and slices through
// package reflect, whose panic is a string in reflect's words ("reflect:
// slice index out of range") with neither the index nor the length; Go
// says "runtime error: index out of range [5] with length 3" and panics
// with a runtime.Error.
//
// Why a typed rewrite with a compiled check: only the cell's types (the
// checker's, c.types) tell a slice from a map or a generic instantiation,
// and an unsigned index from a signed one. Measured on a loop of 10^6
// reads a[k%len(a)] in a bare interpreter: 0.10 µs an iteration unchecked,
// 0.75 µs with the compiled check (yaegi calls host functions through
// reflect), 1.2 µs with an interpreted helper of the prelude (slower: a
// frame per call), 0.33 µs with an inline `if uint(i) >= uint(len(a)) { … }`
// before the statement. Through the kernel (BenchmarkBoundsLoop in package
// engine, whose loops also poll for interrupts) the loop takes 0.38 s
// unchecked, 1.2 s checked (3.1 times), and about 1.0 s with the inline
// form written by hand. The inline form would need statements hoisted out
// of expressions, which breaks && and || short-circuits and the order of
// evaluation; the compiled check keeps both. Loops where the check is
// provably useless are left unchecked instead (the benchmark's range loop
// takes the same 0.30 s as before), and they are the common ones:
//
//   - for i := range a { … a[i] … }, for i, v := range a, for i := range
//     len(a) and for i := c; i < len(a)-k; i++ (constants c, k; k may
//     also subtract an outer loop's index) for a[i+d] with c+d >= 0 and
//     d <= k, where the body never assigns i or a (nor takes their
//     address, nor selects a method or field of a), no function literal of
//     the cell assigns them, and a is a local variable path (a, a[j],
//     a[j][k], of locals); also an array index of a loop over a shorter
//     array or up to a smaller constant;
//   - a constant index of an array, a pointer to an array or a constant
//     string, which the compiler checks.
//
// Skipping a check never changes what a program computes: the interpreter
// still panics on a bad index, in reflect's words.
//
// The operand a (and, for a slice with two or three bounds, every bound but
// the one the check stands in for) is evaluated twice, once for len or cap,
// which is unobservable only for an expression without side effects: an
// index or slice of something else (f()[i], <-ch[i:j]) is left alone. The
// index itself is evaluated once, where it was.
//
// Not rewritten: cells the type checker could not type (the check needs
// the operand's type), code of the generic standard library sources and of
// modules. Go evaluates the right side of `a[i] = f()` before checking i;
// yaegi checks first, so f does not run: the pass keeps yaegi's order.
//
// The panic's trace line is the expression's own: each check takes its cell
// line, which the engine's trace uses instead of guessing from the site
// table (pass_sites.go) when a function indexes in several places.
func passBounds(c *Cell, env Env) error {
	if c.types == nil {
		return nil
	}
	for _, name := range []string{"len", "cap", "int"} {
		if env.Defined != nil && env.Defined(name) {
			return nil // the checks call the builtins by name
		}
	}
	for id := range c.types.Info.Defs {
		if id.Name == "len" || id.Name == "cap" || id.Name == "int" {
			return nil
		}
	}
	b := &boundsRw{c: c, t: c.types, escapes: map[*types.Var]bool{}, at: map[*ast.SliceExpr]int{}, raw: map[ast.Expr]ast.Expr{}}
	b.findEscapes()
	for _, d := range c.Decls {
		b.walk(d, nil)
	}
	for _, n := range c.Body {
		b.walk(n, nil)
	}
	if c.Show != nil {
		b.walk(c.Show, nil)
	}
	// Innermost first: a bound copied into a check's arguments is copied
	// with its own checks in place.
	for i := len(b.todo) - 1; i >= 0; i-- {
		switch x := b.todo[i].(type) {
		case *ast.IndexExpr:
			b.index(x)
		case *ast.SliceExpr:
			b.slice(x)
		}
	}
	return nil
}

type boundsRw struct {
	c    *Cell
	t    *Types
	todo []ast.Expr
	// escapes are the variables some function literal assigns, or whose
	// address, field or method is taken anywhere in the cell: a call in a
	// loop may change them.
	escapes map[*types.Var]bool
	// at is, for each slice expression to check, the bound whose place the
	// check takes (0 lo, 1 hi, 2 max), chosen before any rewrite.
	at map[*ast.SliceExpr]int
	// raw is each operand as written, copied before any rewrite, for len
	// and cap: yaegi evaluates an index expression's operand (and its
	// checks) before its index, so the copy needs no checks of its own, and
	// a nest of index expressions grows the code linearly, not 2^depth.
	raw map[ast.Expr]ast.Expr
}

// inRange is what a loop tells about its index variable: from lo up to
// slack below the length of path (or, when path is nil, below n), so that
// v+d indexes path when lo+d >= 0 and d <= slack (an array of at least
// n-slack+d elements).
type inRange struct {
	path ast.Expr
	n    int64 // -1: unknown
	// The variable is in [lo, len(path)-slack) (or [lo, n-slack)).
	lo, slack int64
}

func (b *boundsRw) obj(id *ast.Ident) *types.Var {
	if v, ok := b.t.Info.Uses[id].(*types.Var); ok {
		return v
	}
	v, _ := b.t.Info.Defs[id].(*types.Var)
	return v
}

// findEscapes fills b.escapes.
func (b *boundsRw) findEscapes() {
	var lits []*ast.FuncLit
	var visit func(n ast.Node) bool
	assigned := func(x ast.Expr) {
		id, ok := ast.Unparen(x).(*ast.Ident)
		if !ok {
			return
		}
		v := b.obj(id)
		if v == nil {
			return
		}
		for _, l := range lits {
			if v.Pos() < l.Pos() || v.Pos() >= l.End() {
				b.escapes[v] = true
			}
		}
	}
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			lits = append(lits, n)
			ast.Inspect(n.Body, visit)
			lits = lits[:len(lits)-1]
			return false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				assigned(l)
			}
		case *ast.IncDecStmt:
			assigned(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				if n.Key != nil {
					assigned(n.Key)
				}
				if n.Value != nil {
					assigned(n.Value)
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				if v := b.obj(id); v != nil {
					b.escapes[v] = true
				}
			}
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				if v := b.obj(id); v != nil {
					b.escapes[v] = true
				}
			}
		}
		return true
	}
	b.c.allNodes(func(n ast.Node) bool {
		if n == nil {
			return false
		}
		ast.Inspect(n, visit)
		return false
	})
}

// walk finds the expressions to check under n; facts are what the loops
// around n prove, by index variable.
func (b *boundsRw) walk(n ast.Node, facts map[*types.Var]inRange) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			b.walk(n.Body, nil) // called who knows when
			return false
		case *ast.RangeStmt:
			b.walk(n.X, facts)
			b.walk(n.Body, b.rangeFacts(n, facts))
			return false
		case *ast.ForStmt:
			if n.Init != nil {
				b.walk(n.Init, facts)
			}
			inner := b.forFacts(n, facts)
			if n.Cond != nil {
				b.walk(n.Cond, inner)
			}
			if n.Post != nil {
				b.walk(n.Post, facts)
			}
			b.walk(n.Body, inner)
			return false
		case *ast.IndexExpr:
			if b.wantIndex(n, facts) {
				b.todo = append(b.todo, n)
				b.raw[n.X] = cloneExpr(n.X)
			}
		case *ast.SliceExpr:
			if b.wantSlice(n) {
				b.todo = append(b.todo, n)
				b.raw[n.X] = cloneExpr(n.X)
			}
		}
		return true
	})
}

// withFact is facts plus v's.
func withFact(facts map[*types.Var]inRange, v *types.Var, r inRange) map[*types.Var]inRange {
	m := make(map[*types.Var]inRange, len(facts)+1)
	for k, f := range facts {
		m[k] = f
	}
	m[v] = r
	return m
}

// rangeFacts: for i := range path, for i, v := range path.
func (b *boundsRw) rangeFacts(r *ast.RangeStmt, facts map[*types.Var]inRange) map[*types.Var]inRange {
	id, ok := r.Key.(*ast.Ident)
	if !ok || r.Tok != token.DEFINE || id.Name == "_" {
		return facts
	}
	v := b.obj(id)
	if v == nil || b.mutated(r.Body, v) {
		return facts
	}
	// for i := range n (Go 1.22), n a constant or len(path)
	if tv, ok := b.t.Info.Types[r.X]; ok && tv.Value != nil {
		if n, exact := constInt(tv); exact {
			return withFact(facts, v, inRange{n: n})
		}
		return facts
	}
	if call, ok := ast.Unparen(r.X).(*ast.CallExpr); ok && len(call.Args) == 1 && b.builtin(call.Fun, "len") {
		if k, n := b.operand(call.Args[0]); k != notIndexable && k != isMap && b.stable(call.Args[0], r.Body) {
			return withFact(facts, v, inRange{path: call.Args[0], n: n})
		}
		return facts
	}
	kind, n := b.operand(r.X)
	if kind == notIndexable || kind == isMap {
		return facts
	}
	if b.stable(r.X, r.Body) {
		return withFact(facts, v, inRange{path: r.X, n: n})
	}
	if n >= 0 {
		return withFact(facts, v, inRange{n: n})
	}
	return facts
}

// forFacts: for i := 0; i < len(path); i++ (or i < constant).
func (b *boundsRw) forFacts(f *ast.ForStmt, facts map[*types.Var]inRange) map[*types.Var]inRange {
	init, ok := f.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return facts
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return facts
	}
	v := b.obj(id)
	if v == nil || !b.nonNegConst(init.Rhs[0]) {
		return facts
	}
	lo, _ := constInt(b.t.Info.Types[init.Rhs[0]])
	switch p := f.Post.(type) {
	case *ast.IncDecStmt:
		if p.Tok != token.INC || !b.is(p.X, v) {
			return facts
		}
	case *ast.AssignStmt:
		if p.Tok != token.ADD_ASSIGN || len(p.Lhs) != 1 || !b.is(p.Lhs[0], v) || !b.nonNegConst(p.Rhs[0]) {
			return facts
		}
	default:
		return facts
	}
	cond, ok := f.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS || !b.is(cond.X, v) || b.mutated(f.Body, v) {
		return facts
	}
	if tv, ok := b.t.Info.Types[cond.Y]; ok && tv.Value != nil {
		if n, exact := constInt(tv); exact {
			return withFact(facts, v, inRange{n: n, lo: lo})
		}
		return facts
	}
	call, slack, ok := b.upper(cond.Y, f.Body, facts)
	if !ok {
		return facts
	}
	kind, n := b.operand(call.Args[0])
	if kind == notIndexable || kind == isMap || !b.stable(call.Args[0], f.Body) {
		return facts
	}
	return withFact(facts, v, inRange{path: call.Args[0], n: n, lo: lo, slack: slack})
}

// upper reads a loop's bound len(path) - k - j …, each of k, j … a
// non-negative constant or a variable the loops around prove non-negative
// and body does not change; slack is the sum of the constants.
func (b *boundsRw) upper(x ast.Expr, body ast.Node, facts map[*types.Var]inRange) (*ast.CallExpr, int64, bool) {
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		if len(x.Args) == 1 && b.builtin(x.Fun, "len") {
			return x, 0, true
		}
	case *ast.BinaryExpr:
		if x.Op != token.SUB {
			break
		}
		call, slack, ok := b.upper(x.X, body, facts)
		if !ok {
			break
		}
		if tv, found := b.t.Info.Types[x.Y]; found && tv.Value != nil {
			if k, exact := constInt(tv); exact && k >= 0 {
				return call, slack + k, true
			}
			break
		}
		if id, isID := ast.Unparen(x.Y).(*ast.Ident); isID {
			if v := b.obj(id); v != nil {
				if f, known := facts[v]; known && f.lo >= 0 && !b.mutated(body, v) {
					return call, slack, true
				}
			}
		}
	}
	return nil, 0, false
}

// is reports whether x is the variable v.
func (b *boundsRw) is(x ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	return ok && b.obj(id) == v
}

func (b *boundsRw) nonNegConst(x ast.Expr) bool {
	tv, ok := b.t.Info.Types[x]
	if !ok || tv.Value == nil {
		return false
	}
	n, exact := constInt(tv)
	return exact && n >= 0
}

func constInt(tv types.TypeAndValue) (int64, bool) {
	if tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// builtin reports whether fun is the builtin name.
func (b *boundsRw) builtin(fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok || id.Name != name {
		return false
	}
	_, ok = b.t.Info.Uses[id].(*types.Builtin)
	return ok
}

// stable reports whether path is made of local variables (a, a[j], a[j][k])
// that body cannot change.
func (b *boundsRw) stable(path ast.Expr, body ast.Node) bool {
	switch p := ast.Unparen(path).(type) {
	case *ast.Ident:
		v := b.obj(p)
		return v != nil && !v.IsField() && v.Parent() != nil && v.Parent() != b.t.Pkg.Scope() &&
			!b.escapes[v] && !b.mutated(body, v)
	case *ast.IndexExpr:
		if k, _ := b.operand(p.X); k == notIndexable || k == isMap {
			return false
		}
		return b.stable(p.X, body) && b.stable(p.Index, body)
	}
	return false
}

// mutated reports whether body assigns v, takes its address or selects from
// it.
func (b *boundsRw) mutated(body ast.Node, v *types.Var) bool {
	if b.escapes[v] {
		return true
	}
	found := false
	check := func(x ast.Expr) {
		if b.is(x, v) {
			found = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				check(l)
			}
		case *ast.IncDecStmt:
			check(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				if n.Key != nil {
					check(n.Key)
				}
				if n.Value != nil {
					check(n.Value)
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				check(n.X)
			}
		case *ast.SelectorExpr:
			check(n.X)
		}
		return !found
	})
	return found
}

// samePath reports whether x and y name the same variables the same way.
func (b *boundsRw) samePath(x, y ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		yi, ok := ast.Unparen(y).(*ast.Ident)
		return ok && b.obj(x) != nil && b.obj(x) == b.obj(yi)
	case *ast.IndexExpr:
		yi, ok := ast.Unparen(y).(*ast.IndexExpr)
		return ok && b.samePath(x.X, yi.X) && b.samePath(x.Index, yi.Index)
	}
	return false
}

// operandKind is what an index or slice expression's operand is.
type operandKind int

const (
	notIndexable operandKind = iota // a map, a type parameter, a generic function or type, …
	isMap
	isSlice
	isArray // an array or a pointer to one
	isString
)

// operand is the kind of x, and its length when the type fixes it (an
// array's, a constant string's), else -1.
func (b *boundsRw) operand(x ast.Expr) (operandKind, int64) {
	tv, ok := b.t.Info.Types[x]
	if !ok || tv.IsType() || tv.Type == nil {
		return notIndexable, -1
	}
	t := tv.Type
	if _, ok := t.(*types.TypeParam); ok {
		return notIndexable, -1
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if _, ok := p.Elem().(*types.TypeParam); ok {
			return notIndexable, -1
		}
		if a, ok := p.Elem().Underlying().(*types.Array); ok {
			return isArray, a.Len()
		}
		return notIndexable, -1
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return isSlice, -1
	case *types.Array:
		return isArray, u.Len()
	case *types.Map:
		return isMap, -1
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			if tv.Value != nil {
				return isString, int64(len(constant.StringVal(tv.Value)))
			}
			return isString, -1
		}
	}
	return notIndexable, -1
}

// wantIndex reports whether x needs a check.
func (b *boundsRw) wantIndex(x *ast.IndexExpr, facts map[*types.Var]inRange) bool {
	if tv, ok := b.t.Info.Types[x]; !ok || tv.IsType() {
		return false
	}
	if _, inst := b.t.Info.Instances[identOf(x.X)]; inst {
		return false
	}
	kind, n := b.operand(x.X)
	if kind == notIndexable || kind == isMap || !pure(b.t, x.X) {
		return false
	}
	if itv, ok := b.t.Info.Types[x.Index]; !ok || itv.Type == nil {
		return false
	} else if itv.Value != nil && n >= 0 {
		return false // the compiler checks it
	}
	if v, d, ok := b.offset(x.Index); ok {
		if f, ok := facts[v]; ok && f.lo+d >= 0 {
			if f.path != nil && d <= f.slack && b.samePath(f.path, x.X) {
				return false
			}
			if f.n >= 0 && n >= 0 && f.n-f.slack+d <= n {
				return false
			}
		}
	}
	return true
}

// offset reads an index v, v+d, d+v or v-d, d a constant.
func (b *boundsRw) offset(x ast.Expr) (*types.Var, int64, bool) {
	x = ast.Unparen(x)
	if id, ok := x.(*ast.Ident); ok {
		v := b.obj(id)
		return v, 0, v != nil
	}
	e, ok := x.(*ast.BinaryExpr)
	if !ok || e.Op != token.ADD && e.Op != token.SUB {
		return nil, 0, false
	}
	c := func(y ast.Expr) (int64, bool) {
		tv, ok := b.t.Info.Types[y]
		if !ok || tv.Value == nil {
			return 0, false
		}
		return constInt(tv)
	}
	if id, ok := ast.Unparen(e.X).(*ast.Ident); ok {
		if d, ok := c(e.Y); ok {
			if v := b.obj(id); v != nil {
				if e.Op == token.SUB {
					d = -d
				}
				return v, d, true
			}
		}
	}
	if id, ok := ast.Unparen(e.Y).(*ast.Ident); ok && e.Op == token.ADD {
		if d, ok := c(e.X); ok {
			if v := b.obj(id); v != nil {
				return v, d, true
			}
		}
	}
	return nil, 0, false
}

func identOf(x ast.Expr) *ast.Ident {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// wantSlice reports whether x needs a check.
func (b *boundsRw) wantSlice(x *ast.SliceExpr) bool {
	kind, n := b.operand(x.X)
	if kind == notIndexable || kind == isMap || !pure(b.t, x.X) {
		return false
	}
	if x.Low == nil && x.High == nil && x.Max == nil {
		return false
	}
	if n >= 0 { // the compiler checks constant bounds against a known length
		all := true
		for _, e := range []ast.Expr{x.Low, x.High, x.Max} {
			if e != nil {
				if tv, ok := b.t.Info.Types[e]; !ok || tv.Value == nil {
					all = false
				}
			}
		}
		if all {
			return false
		}
	}
	// The check stands in the place of the impure bound, if one is, else
	// of the last: the other bounds, copied into its arguments, are then
	// evaluated where Go evaluates them.
	bounds := []ast.Expr{x.Low, x.High}
	if x.Slice3 {
		bounds = append(bounds, x.Max)
	}
	at := len(bounds) - 1
	if bounds[at] == nil { // a[lo:]
		at = 0
	}
	impure := 0
	for k, e := range bounds {
		if e != nil && !pure(b.t, e) {
			impure++
			at = k
		}
	}
	b.at[x] = at
	return impure <= 1
}

// pure reports whether evaluating x twice is the same as once: no calls
// (but len, cap and conversions), receives or literals.
func pure(t *Types, x ast.Expr) bool {
	ok := true
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil, *ast.Ident, *ast.BasicLit, *ast.ParenExpr, *ast.SelectorExpr, *ast.StarExpr,
			*ast.BinaryExpr, *ast.IndexExpr, *ast.SliceExpr:
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.CallExpr:
			if tv, found := t.Info.Types[n.Fun]; found && tv.IsType() {
				return ok
			}
			id, isID := ast.Unparen(n.Fun).(*ast.Ident)
			if !isID || (id.Name != "len" && id.Name != "cap") {
				ok = false
			} else if _, builtin := t.Info.Uses[id].(*types.Builtin); !builtin {
				ok = false
			}
		default:
			ok = false
		}
		return ok
	})
	return ok
}

// unsigned reports whether bound x is passed as its bits (an unsigned type,
// or a constant: Go reports those as unsigned), and x as an int argument.
func (b *boundsRw) arg(x ast.Expr) (ast.Expr, bool) {
	tv := b.t.Info.Types[x]
	if tv.Value != nil {
		if basic, ok := tv.Type.(*types.Basic); ok && basic.Kind() == types.UntypedInt || types.Identical(tv.Type, types.Typ[types.Int]) {
			return x, true
		}
		return b.toInt(x), true
	}
	if types.Identical(tv.Type, types.Typ[types.Int]) {
		return x, false
	}
	u := false
	if basic, ok := tv.Type.Underlying().(*types.Basic); ok {
		u = basic.Info()&types.IsUnsigned != 0
	}
	return b.toInt(x), u
}

func (b *boundsRw) toInt(x ast.Expr) ast.Expr {
	return &ast.CallExpr{Fun: &ast.Ident{NamePos: x.Pos(), Name: "int"}, Lparen: x.Pos(), Args: []ast.Expr{x}, Rparen: x.Pos()}
}

func (b *boundsRw) line(pos token.Pos) ast.Expr {
	l, _ := b.c.Pos(pos)
	return b.intLit(pos, int64(l))
}

func (b *boundsRw) intLit(pos token.Pos, n int64) ast.Expr {
	return &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.FormatInt(n, 10)}
}

func (b *boundsRw) call(pos token.Pos, f RuntimeFunc, args ...ast.Expr) ast.Expr {
	return &ast.CallExpr{Fun: rt(pos, f), Lparen: pos, Args: args, Rparen: pos}
}

// builtinCall is len(x) or cap(x); for an array or a pointer to one, its
// constant length (cheaper, and yaegi's len of a nil *[3]int panics where
// Go's is 3).
func (b *boundsRw) builtinCall(pos token.Pos, name string, x ast.Expr) ast.Expr {
	if kind, n := b.operand(x); kind == isArray && n >= 0 {
		return b.intLit(pos, n)
	}
	return &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: name}, Lparen: pos, Args: []ast.Expr{cloneExpr(b.raw[x])}, Rparen: pos}
}

// index rewrites a[i].
func (b *boundsRw) index(x *ast.IndexExpr) {
	i, u := b.arg(x.Index)
	f := RTIndex
	if u {
		f = RTIndexU
	}
	x.Index = b.call(x.Lbrack, f, i, b.builtinCall(x.Lbrack, "len", x.X), b.line(x.Lbrack))
}

// slice rewrites a[lo:hi] and a[lo:hi:max].
func (b *boundsRw) slice(x *ast.SliceExpr) {
	pos := x.Lbrack
	kind, _ := b.operand(x.X)
	n := "cap"
	flags := int64(0)
	if kind != isSlice {
		n, flags = "len", BoundsLen
	}
	bounds := []*ast.Expr{&x.Low, &x.High}
	unsignedFlag := []int64{BoundsLoUnsigned, BoundsHiUnsigned, BoundsMaxUnsigned}
	retFlag := []int64{BoundsRetLo, BoundsRetHi, 0}
	if x.Slice3 {
		bounds = append(bounds, &x.Max)
	}
	at := b.at[x]
	args := make([]ast.Expr, 0, 6)
	for k, p := range bounds {
		var a ast.Expr
		switch {
		case *p == nil && k == 0:
			a = b.intLit(pos, 0)
		case *p == nil: // a[lo:]: hi is len(a)
			a = b.builtinCall(pos, "len", x.X)
		default:
			e, u := b.arg(*p)
			if u {
				flags |= unsignedFlag[k]
			}
			if k != at {
				e = cloneExpr(e)
			}
			a = e
		}
		args = append(args, a)
	}
	flags |= retFlag[at]
	if !x.Slice3 && at == 1 {
		flags &^= BoundsRetHi
	}
	args = append(args, b.builtinCall(pos, n, x.X), b.intLit(pos, flags), b.line(pos))
	f := RTSlice
	if x.Slice3 {
		f = RTSlice3
	}
	*bounds[at] = b.call(pos, f, args...)
}
