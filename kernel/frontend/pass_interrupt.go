package frontend

import (
	"go/ast"
	"go/token"
	"strconv"
)

// passInterrupt gives every place a goroutine can spin or wait a way out
// when its cell is interrupted:
//
//	for … { body }          =>  for … { _gkrt.Poll(); body }
//	for … range … { body }  =>  for … range … { body; _gkrt.Poll() }   (and before its continues)
//	select {}               =>  _gkrt.Block()
//	select { cases }        =>  select { cases; case <-_gkrt.Done(): _gkrt.Interrupt() }   (no default)
//	<-ch                    =>  _gkrt.Recv(ch, site)   (a select as below where the site is unknown)
//	ch <- v                 =>  { _gk_s1 := v; select { case ch <- _gk_s1: case <-_gkrt.Done(): _gkrt.Interrupt() } }
//	x = <-ch, x, ok = <-ch  =>  select { case _gk_v1 := <-ch: x = _gk_v1 … case <-_gkrt.Done(): … }
//
// and Done is DoneAt(site) where passSites gave the statement a site; a wait
// the interpreter runs itself (v := <-ch, a range, a Lock or Wait call) gets
// _gkrt.At(site) before it. The sites tell the deadlock report where each
// goroutine waits (package sched, waits.go).
//
// Poll and Done belong to the goroutine's own cell, so interrupting a cell
// stops its goroutines and leaves those of earlier cells running. A range
// loop polls after its body, not before: a value received from a channel is
// never dropped by an interrupt.
//
// yaegi behaviour answered: yaegi can only cancel a whole interpreter — every
// goroutine of every cell — and cannot stop a loop that makes no calls
// without that. A wait this pass cannot see (`v := <-ch` declaring v, a range
// over a channel, a mutex) still ends that way, after a grace period.
func passInterrupt(c *Cell, env Env) error {
	call := func(f RuntimeFunc) ast.Stmt { return &ast.ExprStmt{X: &ast.CallExpr{Fun: rt(token.NoPos, f)}} }
	// site is where statement n waits, for the deadlock report (package
	// sched's waits.go; passSites wrote them); nil when unknown.
	site := func(n ast.Node) ast.Expr {
		if c.Sites == nil || c.Sites.Wait[n] == "" {
			return nil
		}
		return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(c.Sites.Wait[n])}
	}
	at := func(n ast.Node) []ast.Stmt {
		if s := site(n); s != nil {
			return []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: rt(token.NoPos, RTAt), Args: []ast.Expr{s}}}}
		}
		return nil
	}
	doneCase := func(n ast.Node) *ast.CommClause {
		s := site(n)
		if s == nil {
			s = &ast.BasicLit{Kind: token.STRING, Value: `""`}
		}
		done := &ast.CallExpr{Fun: rt(token.NoPos, RTDoneAt), Args: []ast.Expr{s}}
		return &ast.CommClause{
			Comm: &ast.ExprStmt{X: &ast.UnaryExpr{Op: token.ARROW, X: done}},
			Body: []ast.Stmt{call(RTInterrupt)},
		}
	}
	selectOf := func(n ast.Node, pos token.Pos, comm ast.Stmt, body ...ast.Stmt) *ast.SelectStmt {
		return &ast.SelectStmt{Select: pos, Body: &ast.BlockStmt{List: []ast.Stmt{
			&ast.CommClause{Comm: comm, Body: body}, doneCase(n),
		}}}
	}
	isRecv := func(x ast.Expr) (*ast.UnaryExpr, bool) {
		u, ok := ast.Unparen(x).(*ast.UnaryExpr)
		return u, ok && u.Op == token.ARROW
	}

	// Loops and selects, wherever they are.
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt:
			n.Body.List = append([]ast.Stmt{call(RTPoll)}, n.Body.List...)
		case *ast.RangeStmt:
			pollBeforeContinue(n.Body, call)
			n.Body.List = append(n.Body.List, call(RTPoll))
		case *ast.SelectStmt:
			hasDefault := false
			for _, cl := range n.Body.List {
				if cl.(*ast.CommClause).Comm == nil {
					hasDefault = true
				}
			}
			if !hasDefault && len(n.Body.List) > 0 {
				n.Body.List = append(n.Body.List, doneCase(n))
			}
		}
		return true
	})
	// Statements that wait on one channel, and empty selects.
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		label, inner := unlabel(s)
		var out ast.Stmt
		switch s := inner.(type) {
		case *ast.SelectStmt:
			if len(s.Body.List) == 0 {
				out = call(RTBlock)
				if pre := at(s); pre != nil {
					out = &ast.BlockStmt{Lbrace: s.Select, List: append(pre, out)}
				}
			}
		case *ast.ExprStmt:
			if u, ok := isRecv(s.X); ok {
				if st := site(s); st != nil {
					// A helper that waits in the student's place, so that
					// reports say "chan receive" (a select would say select).
					out = &ast.ExprStmt{X: &ast.CallExpr{Fun: rt(u.OpPos, RTRecv), Args: []ast.Expr{u.X, st}}}
				} else {
					out = selectOf(s, u.OpPos, &ast.ExprStmt{X: u})
				}
			} else if pre := at(s); pre != nil {
				out = &ast.BlockStmt{Lbrace: s.Pos(), List: append(pre, s)}
			}
		case *ast.SendStmt:
			switch ast.Unparen(s.Value).(type) {
			case *ast.BasicLit, *ast.Ident: // an untyped constant must stay one
				out = selectOf(s, s.Arrow, s)
			default:
				// The value is computed before the select: yaegi
				// evaluates an expression in a select's send case wrongly
				// (ch <- j*j sent 0).
				v := c.tmp("s")
				out = &ast.BlockStmt{Lbrace: s.Arrow, List: []ast.Stmt{
					define([]ast.Expr{id(v)}, []ast.Expr{s.Value}),
					selectOf(s, s.Arrow, &ast.SendStmt{Chan: s.Chan, Arrow: s.Arrow, Value: id(v)}),
				}}
			}
		case *ast.AssignStmt:
			if u, ok := isRecv(firstOrNil(s.Rhs)); ok && s.Tok == token.ASSIGN && len(s.Rhs) == 1 && len(s.Lhs) <= 2 {
				var tmps []ast.Expr
				for range s.Lhs {
					tmps = append(tmps, id(c.tmp("v")))
				}
				out = selectOf(s, u.OpPos, define(tmps, []ast.Expr{u}), assign(s.Lhs, tmps))
			} else if pre := at(s); pre != nil && s.Tok == token.DEFINE {
				return append(pre, relabel(label, s)) // v := <-ch: the interpreter waits
			}
		case *ast.RangeStmt:
			if pre := at(s); pre != nil {
				return append(pre, relabel(label, s))
			}
		}
		if out == nil {
			return []ast.Stmt{s}
		}
		return []ast.Stmt{relabel(label, out)}
	})
	return nil
}

func firstOrNil(xs []ast.Expr) ast.Expr {
	if len(xs) == 0 {
		return nil
	}
	return xs[0]
}

// pollBeforeContinue puts a Poll before each continue that targets the loop
// whose body is given (unlabeled continues not inside a nested loop).
func pollBeforeContinue(body *ast.BlockStmt, call func(RuntimeFunc) ast.Stmt) {
	var walk func(list *[]ast.Stmt)
	walk = func(list *[]ast.Stmt) {
		var out []ast.Stmt
		for _, s := range *list {
			if b, ok := s.(*ast.BranchStmt); ok && b.Tok == token.CONTINUE && b.Label == nil {
				out = append(out, call(RTPoll))
			}
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
					return false // continues in there are not ours
				case *ast.BlockStmt:
					if n != body {
						walk(&n.List)
					}
					return false
				case *ast.CaseClause:
					walk(&n.Body)
					return false
				case *ast.CommClause:
					walk(&n.Body)
					return false
				}
				return true
			})
			out = append(out, s)
		}
		*list = out
	}
	walk(&body.List)
}
