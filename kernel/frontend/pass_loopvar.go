package frontend

import (
	"go/ast"
	"go/token"
)

// passLoopVar gives loops declared with := one variable per iteration (Go
// 1.22), for loops whose body can observe the difference: it captures a loop
// variable in a function literal or takes its address.
//
//	for i := 0; i < n; i++ { body }
//	=> for _gk_i := 0; _gk_i < n; _gk_i++ { i := _gk_i; body; _gk_i = i }
//
// where every `continue` of this loop in body becomes
// `{ _gk_i = i; continue }`, so that, as the spec says, the next
// iteration's variable starts from the previous one's value at the end of the
// iteration, and
//
//	for k, v := range x { body }  =>  for _gk_k, _gk_v := range x { k, v := _gk_k, _gk_v; body }
//
// yaegi behaviour answered: yaegi v0.16.1 has Go 1.21 loop semantics (one
// variable for the whole loop), so `go func(){ fmt.Println(i) }()` in a loop
// prints 3 3 3; a variable declared inside the body is fresh per iteration.
func passLoopVar(c *Cell, env Env) error {
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		lab, inner := unlabel(s)
		switch l := inner.(type) {
		case *ast.ForStmt:
			init, ok := l.Init.(*ast.AssignStmt)
			if !ok || init.Tok != token.DEFINE {
				break
			}
			names := map[string]string{}
			var orig, tmps []ast.Expr
			for _, x := range init.Lhs {
				if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
					t := c.tmp(id.Name + "_")
					names[id.Name] = t
					orig = append(orig, ast.NewIdent(id.Name))
					tmps = append(tmps, ast.NewIdent(t))
				}
			}
			if len(names) == 0 || !captures(l.Body, names) {
				break
			}
			for _, x := range init.Lhs {
				if id, ok := x.(*ast.Ident); ok && names[id.Name] != "" {
					id.Name = names[id.Name]
				}
			}
			rename(l.Cond, names)
			rename(l.Post, names)
			writeBack := func() ast.Stmt { return assign(cloneIdents(tmps), cloneIdents(orig)) }
			replaceContinue(l.Body, lab, writeBack)
			list := []ast.Stmt{define(cloneIdents(orig), cloneIdents(tmps))}
			list = append(list, l.Body.List...)
			list = append(list, writeBack())
			l.Body.List = list
		case *ast.RangeStmt:
			if l.Tok != token.DEFINE || !captures(l.Body, rangeNames(l)) {
				break
			}
			var orig, tmps []ast.Expr
			for _, p := range []*ast.Expr{&l.Key, &l.Value} {
				if id, ok := (*p).(*ast.Ident); ok && id.Name != "_" {
					t := c.tmp(id.Name + "_")
					orig = append(orig, ast.NewIdent(id.Name))
					tmps = append(tmps, ast.NewIdent(t))
					*p = ast.NewIdent(t)
				}
			}
			l.Body.List = append([]ast.Stmt{define(orig, tmps)}, l.Body.List...)
		}
		return []ast.Stmt{s}
	})
	return nil
}

func rangeNames(l *ast.RangeStmt) map[string]string {
	m := map[string]string{}
	for _, x := range []ast.Expr{l.Key, l.Value} {
		if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
			m[id.Name] = id.Name
		}
	}
	return m
}

// captures reports whether body mentions one of names inside a function
// literal or takes the address of one.
func captures(body ast.Node, names map[string]string) bool {
	found := false
	var visit func(n ast.Node, inLit bool)
	visit = func(n ast.Node, inLit bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			if found {
				return false
			}
			switch x := x.(type) {
			case *ast.FuncLit:
				if !inLit {
					visit(x.Body, true)
					return false
				}
			case *ast.Ident:
				if _, ok := names[x.Name]; ok && inLit {
					found = true
				}
			case *ast.UnaryExpr:
				if id, ok := x.X.(*ast.Ident); ok && x.Op == token.AND {
					if _, ok := names[id.Name]; ok {
						found = true
					}
				}
			case *ast.SelectorExpr:
				// x.M where M has a pointer receiver also takes &x; a method
				// value escapes like a closure.
				if id, ok := x.X.(*ast.Ident); ok {
					if _, ok := names[id.Name]; ok && inLit {
						found = true
					}
				}
				return !inLit
			}
			return true
		})
	}
	visit(body, false)
	return found
}

// rename renames identifiers (not field selectors or keys) in n.
func rename(n ast.Node, names map[string]string) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.SelectorExpr:
			rename(x.X, names)
			return false
		case *ast.KeyValueExpr:
			rename(x.Value, names)
			return false
		case *ast.Ident:
			if t, ok := names[x.Name]; ok {
				x.Name = t
			}
		}
		return true
	})
}

func cloneIdents(xs []ast.Expr) []ast.Expr {
	out := make([]ast.Expr, len(xs))
	for i, x := range xs {
		out[i] = ast.NewIdent(x.(*ast.Ident).Name)
	}
	return out
}

// replaceContinue replaces the continue statements that target the loop
// whose body is body by `{ wb(); continue }`.
func replaceContinue(body *ast.BlockStmt, lab *ast.LabeledStmt, wb func() ast.Stmt) {
	var walk func(list []ast.Stmt, nested bool)
	var stmt func(s ast.Stmt, nested bool) ast.Stmt
	stmt = func(s ast.Stmt, nested bool) ast.Stmt {
		switch s := s.(type) {
		case *ast.BranchStmt:
			if s.Tok == token.CONTINUE && ((s.Label == nil && !nested) || (s.Label != nil && lab != nil && s.Label.Name == lab.Label.Name)) {
				return &ast.BlockStmt{List: []ast.Stmt{wb(), s}}
			}
		case *ast.BlockStmt:
			walk(s.List, nested)
		case *ast.IfStmt:
			walk(s.Body.List, nested)
			if s.Else != nil {
				s.Else = stmt(s.Else, nested)
			}
		case *ast.LabeledStmt:
			s.Stmt = stmt(s.Stmt, nested)
		case *ast.ForStmt:
			walk(s.Body.List, true)
		case *ast.RangeStmt:
			walk(s.Body.List, true)
		case *ast.SwitchStmt:
			for _, cc := range s.Body.List {
				walk(cc.(*ast.CaseClause).Body, nested)
			}
		case *ast.TypeSwitchStmt:
			for _, cc := range s.Body.List {
				walk(cc.(*ast.CaseClause).Body, nested)
			}
		case *ast.SelectStmt:
			for _, cc := range s.Body.List {
				walk(cc.(*ast.CommClause).Body, nested)
			}
		}
		return s
	}
	walk = func(list []ast.Stmt, nested bool) {
		for i, s := range list {
			list[i] = stmt(s, nested)
		}
	}
	walk(body.List, false)
}
