package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// passRangeFunc rewrites a range over a function (Go 1.23 iterators) as the
// Go compiler does (cmd/compile/internal/rangefunc): the loop body becomes
// the yield function, and the iterator is called with it.
//
//	for x := range seq { body }
//	=>
//	{
//		_gk_s1 := 1                                  // ready
//		seq(func(x T) bool {
//			if _gk_s1 != 1 { _gkrt.RangeError(_gk_s1) }  // yield after false or after the loop
//			_gk_s1 = 2                               // running
//			body
//			_gk_s1 = 1
//			return true
//		})
//		if _gk_s1 == 2 { _gkrt.RangeError(4) }       // the iterator swallowed a panic of the body
//		_gk_s1 = 3                                   // exhausted
//	}
//
// In body, break becomes `{ _gk_s1 = 0; return false }` and continue
// `{ _gk_s1 = 1; return true }`. A return, or a break or continue to a
// label outside the loop, sets _gk_next1 (-1 for a return, a number per
// label otherwise), the results go to variables _gk_r1_0…, the body returns
// false, and after the call:
//
//	if _gk_next1 == -1 { return _gk_r1_0, _gk_r1_1 }
//	if _gk_next1 == 1 { break Outer }
//
// which the enclosing range-over-func loop, if any, rewrites in turn (loops
// are rewritten innermost first). `for k, v = range f` (assignment) gets
// yield parameters _gk_p… and starts the body with `k, v = _gk_p1, _gk_p2`.
// A panic propagates through the iterator as in Go; RangeError panics with
// the Go runtime's words (runtime error: range function continued iteration
// after function for loop body returned false, …).
//
// defer in the body belongs to the enclosing function. The outermost
// range-over-func loop of a function whose loops defer declares
// `var _gk_d1 []func()` and `defer _gkrt.RunDefers(&_gk_d1)` before itself;
// each defer in the bodies appends a closure over its function value,
// receiver and arguments, evaluated at the defer as Go does:
//
//	defer mu.Unlock()   =>  { _gk_r2 := &mu; _gk_d1 = append(_gk_d1, func() { _gk_r2.Unlock() }) }
//
// so the calls run, last first, when the enclosing function returns or
// panics, after the calls it deferred after the loop and before those it
// deferred before. recover() called directly by a deferred func literal of
// a body works: when one does, the runner is
// `defer func() { _gk_p1 = recover(); _gkrt.RunDefers(&_gk_d1); if _gk_p1 != nil { panic(_gk_p1) } }()`
// and those recover() calls take _gk_p1. The difference from Go: a panic
// that no body's deferred call recovered is raised again by the runner, and
// yaegi v0.16.1 then skips the calls the function deferred before the loop.
// A goto out of a loop body is refused.
//
// Only a range whose expression the type checker (types.go) says is a
// function is rewritten; the parameter types of the yield function are
// written from its type, so a type the cell cannot name (an unexported type
// of another package, a package it does not import) leaves the loop alone.
// Without types, a range over a func literal or a func-valued variable is
// refused (pass_rangeint.go).
//
// yaegi behaviour answered: yaegi v0.16.1 cannot range over a function; it
// fails with "nil type" and no position.
func passRangeFunc(c *Cell, env Env) error {
	if c.types == nil {
		return nil
	}
	rw := &rfRewriter{c: c, t: c.types}
	// Every function of the cell: declared funcs, func literals anywhere,
	// and the cell's top level (a function without results).
	type fn struct {
		typ  *ast.FuncType
		body *ast.BlockStmt
	}
	var fns []fn
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				fns = append(fns, fn{n.Type, n.Body})
			}
		case *ast.FuncLit:
			fns = append(fns, fn{n.Type, n.Body})
		}
		return true
	})
	for _, f := range fns {
		f.body.List = rw.block(f.body.List, &rfFunc{typ: f.typ, body: f.body}, nil)
	}
	top := &rfFunc{typ: &ast.FuncType{Params: &ast.FieldList{}}}
	var body []ast.Node
	for _, n := range c.Body {
		if s, ok := n.(ast.Stmt); ok {
			for _, r := range rw.stmt(s, top, nil) {
				body = append(body, r)
			}
			continue
		}
		body = append(body, n)
	}
	c.Body = body
	return rw.err
}

type rfRewriter struct {
	c   *Cell
	t   *Types
	err error
}

// rfFunc is the function a loop is in.
type rfFunc struct {
	typ  *ast.FuncType
	body *ast.BlockStmt // nil for the cell's top level
}

// rfLoop is a range-over-func loop being rewritten.
type rfLoop struct {
	n           int // the number in its variables' names
	label       string
	outermost   *rfLoop // of the function's nest of range-over-func loops
	state, next string
	results     []string        // return values, when the body returns some
	exits       []rfExit        // labelled branches out of the body
	deferList   string          // outermost only: the deferred calls, when some
	recoverVar  string          // outermost only: the panic recover() takes, when needed
	usedNext    bool            // a return or branch out sets next
	bodyLabels  map[string]bool // every label declared in the body
	returns     bool            // the body returns
	pos         token.Pos       // of the for
	fn          *rfFunc
}

type rfExit struct {
	code  int
	tok   token.Token // BREAK or CONTINUE
	label string
}

// block rewrites the range-over-func loops of a statement list of fn; loops
// are the range-over-func loops around it in fn, outermost first.
func (rw *rfRewriter) block(list []ast.Stmt, fn *rfFunc, loops []*rfLoop) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range list {
		out = append(out, rw.stmt(s, fn, loops)...)
	}
	return out
}

// stmt rewrites one statement, and the statement lists inside it (not those
// of func literals, which are functions of their own).
func (rw *rfRewriter) stmt(s ast.Stmt, fn *rfFunc, loops []*rfLoop) []ast.Stmt {
	switch s := s.(type) {
	case *ast.LabeledStmt:
		if r, ok := s.Stmt.(*ast.RangeStmt); ok && rw.isFunc(r) {
			return rw.rangeFunc(r, s.Label.Name, fn, loops)
		}
		out := rw.stmt(s.Stmt, fn, loops)
		if len(out) == 1 {
			s.Stmt = out[0]
			return []ast.Stmt{s}
		}
		s.Stmt = &ast.BlockStmt{List: out}
		return []ast.Stmt{s}
	case *ast.RangeStmt:
		if rw.isFunc(s) {
			return rw.rangeFunc(s, "", fn, loops)
		}
		s.Body.List = rw.block(s.Body.List, fn, loops)
	case *ast.BlockStmt:
		s.List = rw.block(s.List, fn, loops)
	case *ast.IfStmt:
		s.Body.List = rw.block(s.Body.List, fn, loops)
		if s.Else != nil {
			if out := rw.stmt(s.Else, fn, loops); len(out) == 1 {
				s.Else = out[0]
			} else {
				s.Else = &ast.BlockStmt{List: out}
			}
		}
	case *ast.ForStmt:
		s.Body.List = rw.block(s.Body.List, fn, loops)
	case *ast.SwitchStmt:
		for _, cc := range s.Body.List {
			cc.(*ast.CaseClause).Body = rw.block(cc.(*ast.CaseClause).Body, fn, loops)
		}
	case *ast.TypeSwitchStmt:
		for _, cc := range s.Body.List {
			cc.(*ast.CaseClause).Body = rw.block(cc.(*ast.CaseClause).Body, fn, loops)
		}
	case *ast.SelectStmt:
		for _, cc := range s.Body.List {
			cc.(*ast.CommClause).Body = rw.block(cc.(*ast.CommClause).Body, fn, loops)
		}
	}
	return []ast.Stmt{s}
}

// yieldType is the type of the yield function of a range over a function,
// or nil when r does not range over one.
func (rw *rfRewriter) yieldType(r *ast.RangeStmt) *types.Signature {
	t := rw.t.TypeOf(r.X)
	if t == nil {
		return nil
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return nil
	}
	y, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok || y.Params().Len() > 2 || y.Results().Len() != 1 {
		return nil
	}
	return y
}

func (rw *rfRewriter) isFunc(r *ast.RangeStmt) bool { return rw.yieldType(r) != nil }

// rangeFunc rewrites one range-over-func loop.
func (rw *rfRewriter) rangeFunc(r *ast.RangeStmt, label string, fn *rfFunc, loops []*rfLoop) []ast.Stmt {
	keep := func() []ast.Stmt {
		var s ast.Stmt = r
		if label != "" {
			s = &ast.LabeledStmt{Label: id(label), Stmt: r}
		}
		return []ast.Stmt{s}
	}
	y := rw.yieldType(r)
	// The yield function's parameters.
	var params []*ast.Field
	var pre []ast.Stmt // the body's first statement, for `for k, v = range`
	vars := []ast.Expr{r.Key, r.Value}
	var lhs, rhs []ast.Expr
	for i := range y.Params().Len() {
		ts, ok := rw.t.Expr(y.Params().At(i).Type())
		if !ok {
			return keep()
		}
		name := "_"
		if i < 2 && vars[i] != nil {
			if v, isID := vars[i].(*ast.Ident); isID && r.Tok == token.DEFINE {
				name = v.Name
			} else if !isID || v.Name != "_" {
				name = rw.c.tmp("p")
				lhs, rhs = append(lhs, vars[i]), append(rhs, id(name))
			}
		}
		params = append(params, &ast.Field{Names: []*ast.Ident{{NamePos: r.For, Name: name}}, Type: typeExpr(ts, r.For)})
	}
	for i := range lhs { // one by one, see the results in branch
		pre = append(pre, &ast.AssignStmt{Lhs: lhs[i : i+1], TokPos: r.For, Tok: token.ASSIGN, Rhs: rhs[i : i+1]})
	}

	rw.c.ntmp++
	l := &rfLoop{n: rw.c.ntmp, label: label, pos: r.For, fn: fn}
	l.state = rw.name("s", l.n)
	l.next = rw.name("next", l.n)
	l.outermost = l
	if len(loops) > 0 {
		l.outermost = loops[0]
	}
	// Inner loops first, then this loop's own branches, returns and defers.
	body := rw.block(r.Body.List, fn, append(loops, l))
	l.bodyLabels = map[string]bool{}
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if ls, ok := n.(*ast.LabeledStmt); ok {
				l.bodyLabels[ls.Label.Name] = true
			}
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
	}
	body = rw.branches(body, l, false, false, map[string]bool{})
	if rw.err != nil {
		return keep()
	}

	num := func(n int) ast.Expr { return &ast.BasicLit{ValuePos: r.For, Kind: token.INT, Value: strconv.Itoa(n)} }
	setState := func(n int) ast.Stmt {
		return &ast.AssignStmt{Lhs: []ast.Expr{id(l.state)}, TokPos: r.For, Tok: token.ASSIGN, Rhs: []ast.Expr{num(n)}}
	}
	rangeError := func(x ast.Expr) ast.Stmt {
		return &ast.ExprStmt{X: &ast.CallExpr{Fun: rt(r.For, RTRangeError), Lparen: r.For, Args: []ast.Expr{x}}}
	}
	ifState := func(op token.Token, n int, then ...ast.Stmt) ast.Stmt {
		return &ast.IfStmt{If: r.For, Cond: &ast.BinaryExpr{X: id(l.state), OpPos: r.For, Op: op, Y: num(n)}, Body: &ast.BlockStmt{List: then}}
	}

	yieldBody := []ast.Stmt{ifState(token.NEQ, 1, rangeError(id(l.state))), setState(2)}
	yieldBody = append(yieldBody, pre...)
	yieldBody = append(yieldBody, body...)
	yieldBody = append(yieldBody, setState(1), &ast.ReturnStmt{Return: r.Body.Rbrace, Results: []ast.Expr{id("true")}})
	yield := &ast.FuncLit{
		Type: &ast.FuncType{Func: r.For, Params: &ast.FieldList{Opening: r.For, List: params, Closing: r.For},
			Results: &ast.FieldList{List: []*ast.Field{{Type: id("bool")}}}},
		Body: &ast.BlockStmt{Lbrace: r.Body.Lbrace, List: yieldBody, Rbrace: r.Body.Rbrace},
	}

	var block []ast.Stmt
	if l.usedNext {
		block = append(block, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: r.For, Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{id(l.next)}, Type: id("int")}}}})
	}
	if len(l.results) > 0 {
		types := resultTypes(fn.typ)
		for i, name := range l.results {
			block = append(block, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: r.For, Tok: token.VAR, Specs: []ast.Spec{
				&ast.ValueSpec{Names: []*ast.Ident{id(name)}, Type: types[i]}}}})
		}
	}
	block = append(block,
		&ast.AssignStmt{Lhs: []ast.Expr{id(l.state)}, TokPos: r.For, Tok: token.DEFINE, Rhs: []ast.Expr{num(1)}},
		&ast.ExprStmt{X: &ast.CallExpr{Fun: r.X, Lparen: r.Body.Lbrace, Args: []ast.Expr{yield}, Rparen: r.Body.Rbrace}},
		ifState(token.EQL, 2, rangeError(num(4))),
		setState(3))
	nextIs := func(n int, then ast.Stmt) ast.Stmt {
		return &ast.IfStmt{If: r.Body.Rbrace, Cond: &ast.BinaryExpr{X: id(l.next), OpPos: r.For, Op: token.EQL, Y: num(n)},
			Body: &ast.BlockStmt{List: []ast.Stmt{then}}}
	}
	if l.returns {
		ret := &ast.ReturnStmt{Return: r.Body.Rbrace}
		for _, name := range l.results {
			ret.Results = append(ret.Results, id(name))
		}
		block = append(block, nextIs(-1, ret))
	}
	for _, e := range l.exits {
		block = append(block, nextIs(e.code, &ast.BranchStmt{TokPos: r.Body.Rbrace, Tok: e.tok, Label: id(e.label)}))
	}
	out := []ast.Stmt{&ast.BlockStmt{Lbrace: r.For, List: block, Rbrace: r.Body.Rbrace}}
	if l.outermost == l && l.deferList != "" {
		out = append(rw.deferRunner(l), out...)
	}
	if label != "" && gotoTarget(fn, label) {
		out = []ast.Stmt{&ast.LabeledStmt{Label: id(label), Stmt: &ast.BlockStmt{List: out}}}
	}
	return out
}

// name is a generated variable's name for loop n.
func (rw *rfRewriter) name(base string, n int) string {
	return Reserved + "_" + base + strconv.Itoa(n)
}

// resultTypes are the types of a function's results, one per result.
func resultTypes(ft *ast.FuncType) []ast.Expr {
	var out []ast.Expr
	if ft.Results == nil {
		return nil
	}
	for _, f := range ft.Results.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, f.Type)
		}
	}
	return out
}

// namedResults reports whether a function's results have names.
func namedResults(ft *ast.FuncType) bool {
	return ft.Results != nil && len(ft.Results.List) > 0 && len(ft.Results.List[0].Names) > 0
}

// gotoTarget reports whether a goto in fn names label.
func gotoTarget(fn *rfFunc, label string) bool {
	if fn.body == nil {
		return false
	}
	found := false
	ast.Inspect(fn.body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO && b.Label.Name == label {
			found = true
		}
		_, lit := n.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}

// branches rewrites the break, continue, return and defer statements of
// loop l's body that leave the body or belong to the enclosing function.
// inLoop and inBreakable say whether an unlabelled continue or break at
// this point targets a statement inside the body; labels are the labels
// declared inside the body.
func (rw *rfRewriter) branches(list []ast.Stmt, l *rfLoop, inLoop, inBreakable bool, labels map[string]bool) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range list {
		out = append(out, rw.branch(s, l, inLoop, inBreakable, labels))
	}
	return out
}

func (rw *rfRewriter) branch(s ast.Stmt, l *rfLoop, inLoop, inBreakable bool, labels map[string]bool) ast.Stmt {
	pos := s.Pos()
	num := func(n int) ast.Expr { return &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(n)} }
	setVar := func(name string, x ast.Expr) ast.Stmt {
		return &ast.AssignStmt{Lhs: []ast.Expr{id(name)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{x}}
	}
	leave := func(pre ...ast.Stmt) ast.Stmt {
		list := append(pre, setVar(l.state, num(0)), &ast.ReturnStmt{Return: pos, Results: []ast.Expr{id("false")}})
		return &ast.BlockStmt{Lbrace: pos, List: list, Rbrace: pos}
	}
	list := func(xs []ast.Stmt, loop, breakable bool) []ast.Stmt {
		return rw.branches(xs, l, loop, breakable, labels)
	}
	switch s := s.(type) {
	case *ast.BranchStmt:
		switch s.Tok {
		case token.BREAK, token.CONTINUE:
			ours := false
			switch {
			case s.Label == nil:
				ours = s.Tok == token.BREAK && !inBreakable || s.Tok == token.CONTINUE && !inLoop
			case s.Label.Name == l.label:
				ours = true
			case labels[s.Label.Name]:
				return s
			}
			if s.Label == nil && !ours {
				return s
			}
			if ours && s.Tok == token.BREAK {
				return leave()
			}
			if ours {
				return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{setVar(l.state, num(1)),
					&ast.ReturnStmt{Return: pos, Results: []ast.Expr{id("true")}}}, Rbrace: pos}
			}
			// A branch to a statement around the loop.
			code := 0
			for _, e := range l.exits {
				if e.tok == s.Tok && e.label == s.Label.Name {
					code = e.code
				}
			}
			if code == 0 {
				code = len(l.exits) + 1
				l.exits = append(l.exits, rfExit{code: code, tok: s.Tok, label: s.Label.Name})
			}
			l.usedNext = true
			return leave(setVar(l.next, num(code)))
		case token.GOTO:
			if !l.bodyLabels[s.Label.Name] && rw.err == nil {
				line, col := rw.c.Pos(s.Pos())
				rw.err = &Error{Kind: "unsupported", Line: line, Col: col, Msg: "goto out of the body of a range over a function is not supported by the kernel"}
			}
		}
		return s
	case *ast.ReturnStmt:
		// The results go to variables, returned after the loop: from a
		// bare return, the named results' values.
		l.returns, l.usedNext = true, true
		var pre []ast.Stmt
		if n := len(resultTypes(l.fn.typ)); n > 0 {
			if l.results == nil {
				for i := range n {
					l.results = append(l.results, rw.name("r"+strconv.Itoa(l.n)+"_", i))
				}
			}
			// One assignment per result: yaegi v0.16.1 loses values in a
			// tuple assignment of captured variables (`a, b = 12,
			// errors.New("x")` left a at 0). Only `return f()` of a
			// multi-value call assigns a tuple, which works.
			if len(s.Results) == 1 && n > 1 {
				var lhs []ast.Expr
				for _, r := range l.results {
					lhs = append(lhs, id(r))
				}
				pre = append(pre, &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.ASSIGN, Rhs: s.Results})
			} else {
				for i, r := range l.results {
					x := ast.Expr(id(resultName(l.fn.typ, i)))
					if len(s.Results) > 0 {
						x = s.Results[i]
					}
					pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{id(r)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{x}})
				}
			}
		}
		pre = append(pre, setVar(l.next, num(-1)))
		return leave(pre...)
	case *ast.DeferStmt:
		return rw.deferred(s, l)
	case *ast.LabeledStmt:
		inner := map[string]bool{s.Label.Name: true}
		for k := range labels {
			inner[k] = true
		}
		s.Stmt = rw.branch(s.Stmt, l, inLoop, inBreakable, inner)
	case *ast.BlockStmt:
		s.List = list(s.List, inLoop, inBreakable)
	case *ast.IfStmt:
		s.Body.List = list(s.Body.List, inLoop, inBreakable)
		if s.Else != nil {
			s.Else = rw.branch(s.Else, l, inLoop, inBreakable, labels)
		}
	case *ast.ForStmt:
		s.Body.List = list(s.Body.List, true, true)
	case *ast.RangeStmt:
		s.Body.List = list(s.Body.List, true, true)
	case *ast.SwitchStmt:
		for _, cc := range s.Body.List {
			cc.(*ast.CaseClause).Body = list(cc.(*ast.CaseClause).Body, inLoop, true)
		}
	case *ast.TypeSwitchStmt:
		for _, cc := range s.Body.List {
			cc.(*ast.CaseClause).Body = list(cc.(*ast.CaseClause).Body, inLoop, true)
		}
	case *ast.SelectStmt:
		for _, cc := range s.Body.List {
			cc.(*ast.CommClause).Body = list(cc.(*ast.CommClause).Body, inLoop, true)
		}
	}
	return s
}

// resultName is the name of a function's i-th result (named results).
func resultName(ft *ast.FuncType, i int) string {
	for _, f := range ft.Results.List {
		for _, n := range f.Names {
			if i == 0 {
				return n.Name
			}
			i--
		}
	}
	return "_"
}

// deferred turns a defer in a loop body into an append to the outermost
// loop's list of deferred calls, the function value, receiver and
// arguments evaluated now.
func (rw *rfRewriter) deferred(d *ast.DeferStmt, l *rfLoop) ast.Stmt {
	o := l.outermost
	if o.deferList == "" {
		o.deferList = rw.name("d", o.n)
	}
	pos := d.Defer
	var pre []ast.Stmt
	bind := func(base string, x ast.Expr) ast.Expr {
		name := rw.c.tmp(base)
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: pos, Name: name}}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{x}})
		return &ast.Ident{NamePos: pos, Name: name}
	}
	call := d.Call
	fun := call.Fun
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		rw.redirectRecover(f, o)
		fun = bind("f", f)
	case *ast.Ident:
		if _, isVar := rw.t.Info.Uses[f].(*types.Var); isVar {
			fun = bind("f", f)
		}
	case *ast.SelectorExpr:
		if sel, ok := rw.t.Info.Selections[f]; ok {
			switch sel.Kind() {
			case types.MethodVal:
				recv := f.X
				ptrMethod := false
				if sig, ok := sel.Obj().Type().(*types.Signature); ok && sig.Recv() != nil {
					_, ptrMethod = sig.Recv().Type().(*types.Pointer)
				}
				_, ptrRecv := sel.Recv().Underlying().(*types.Pointer)
				if ptrMethod && !ptrRecv && !types.IsInterface(sel.Recv()) && addressable(f.X) {
					recv = &ast.UnaryExpr{OpPos: pos, Op: token.AND, X: f.X}
				}
				fun = &ast.SelectorExpr{X: bind("r", recv), Sel: f.Sel}
			case types.FieldVal:
				fun = bind("f", f)
			}
		}
	}
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if isLiteral(a) {
			args[i] = a
			continue
		}
		args[i] = bind("a", a)
	}
	later := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: fun, Lparen: pos, Args: args, Ellipsis: call.Ellipsis, Rparen: pos}}}, Rbrace: pos},
	}
	appendCall := &ast.CallExpr{Fun: id("append"), Lparen: pos, Args: []ast.Expr{id(o.deferList), later}, Rparen: pos}
	pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{id(o.deferList)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{appendCall}})
	return &ast.BlockStmt{Lbrace: pos, List: pre, Rbrace: pos}
}

// redirectRecover makes the recover() calls a deferred func literal makes
// itself take the panic the runner recovered for it (see passRangeFunc).
func (rw *rfRewriter) redirectRecover(f *ast.FuncLit, o *rfLoop) {
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false // not called directly by the deferred function
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return true
		}
		fn, ok := call.Fun.(*ast.Ident)
		if !ok || fn.Name != "recover" {
			return true
		}
		if _, builtin := rw.t.Info.Uses[fn].(*types.Builtin); !builtin {
			return true
		}
		if o.recoverVar == "" {
			o.recoverVar = rw.name("p", o.n)
		}
		// recover() => func() any { _gk_v := _gk_p1; _gk_p1 = nil; return _gk_v }()
		pos := fn.Pos()
		v := rw.c.tmp("v")
		take := &ast.FuncLit{
			Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: id("any")}}}},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{id(v)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{id(o.recoverVar)}},
				&ast.AssignStmt{Lhs: []ast.Expr{id(o.recoverVar)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{id("nil")}},
				&ast.ReturnStmt{Return: pos, Results: []ast.Expr{id(v)}},
			}, Rbrace: pos},
		}
		call.Fun = take
		return false
	})
}

// deferRunner declares the outermost loop's list of deferred calls and
// defers running them.
func (rw *rfRewriter) deferRunner(o *rfLoop) []ast.Stmt {
	pos := o.pos
	decl := func(name string, typ ast.Expr) ast.Stmt {
		return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{{NamePos: pos, Name: name}}, Type: typ}}}}
	}
	list := decl(o.deferList, &ast.ArrayType{Lbrack: pos, Elt: &ast.FuncType{Func: pos, Params: &ast.FieldList{}}})
	run := &ast.CallExpr{Fun: rt(pos, RTRunDefers), Lparen: pos, Args: []ast.Expr{&ast.UnaryExpr{OpPos: pos, Op: token.AND, X: id(o.deferList)}}, Rparen: pos}
	if o.recoverVar == "" {
		return []ast.Stmt{list, &ast.DeferStmt{Defer: pos, Call: run}}
	}
	runner := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{id(o.recoverVar)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{&ast.CallExpr{Fun: id("recover"), Lparen: pos, Rparen: pos}}},
			&ast.ExprStmt{X: run},
			&ast.IfStmt{If: pos, Cond: &ast.BinaryExpr{X: id(o.recoverVar), OpPos: pos, Op: token.NEQ, Y: id("nil")},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: id("panic"), Lparen: pos, Args: []ast.Expr{id(o.recoverVar)}, Rparen: pos}}}}},
		}, Rbrace: pos},
	}
	return []ast.Stmt{list, decl(o.recoverVar, id("any")), &ast.DeferStmt{Defer: pos, Call: &ast.CallExpr{Fun: runner, Lparen: pos, Rparen: pos}}}
}

// addressable reports whether x is a variable Go may take the address of
// (for a deferred call of a pointer method on it).
func addressable(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return addressable(x.X)
	case *ast.IndexExpr:
		return true
	case *ast.StarExpr:
		return true
	}
	return false
}
