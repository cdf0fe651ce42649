package frontend

import (
	"go/ast"
	"go/token"
	"reflect"
)

// passRangeInt rewrites `for i := range n` over an integer n (Go 1.22) into a
// three-clause loop:
//
//	{ _gk_n := n; for _gk_i := _gk_n - _gk_n; _gk_i < _gk_n; _gk_i++ { i := _gk_i; body } }
//
// so that i has n's type, one variable per iteration, and assignments to i in
// the body do not change the iteration count.
//
// yaegi behaviour answered: yaegi v0.16.1 fails to compile range over an
// integer with "nil type" (no position). Whether n is an integer is decided
// by the type checker when it typed the cell, else from the syntax: integer
// literals, len/cap, integer conversions, arithmetic on those, names
// declared in the cell from such expressions or with an integer type, and
// package-level variables of earlier cells whose run-time kind is an integer
// (Env.Kind). Without types, a range over a function literal or a
// function-valued variable fails with an error naming the feature (with
// types, pass_rangefunc.go has rewritten it).
func passRangeInt(c *Cell, env Env) error {
	inf := newIntInfer(c, env)
	var err error
	c.eachStmt(func(s ast.Stmt) []ast.Stmt {
		lab, inner := unlabel(s)
		r, ok := inner.(*ast.RangeStmt)
		if !ok || err != nil {
			return []ast.Stmt{s}
		}
		if _, ok := r.X.(*ast.FuncLit); ok || inf.isFunc(r.X) {
			err = rangeOverFunc(c, r.X)
			return []ast.Stmt{s}
		}
		if !inf.isInt(r.X, 0) && !c.types.isInteger(r.X) {
			return []ast.Stmt{s}
		}
		n, i := c.tmp("n"), c.tmp("i")
		body := r.Body
		if k, ok := r.Key.(*ast.Ident); ok && k.Name != "_" {
			a := assign([]ast.Expr{r.Key}, []ast.Expr{id(i)})
			if r.Tok == token.DEFINE {
				a.Tok = token.DEFINE
			}
			body.List = append([]ast.Stmt{a}, body.List...)
		} else if r.Key != nil && !ok {
			body.List = append([]ast.Stmt{assign([]ast.Expr{r.Key}, []ast.Expr{id(i)})}, body.List...)
		}
		loop := &ast.ForStmt{
			For:  r.For,
			Init: define([]ast.Expr{id(i)}, []ast.Expr{&ast.BinaryExpr{X: id(n), Op: token.SUB, Y: id(n)}}),
			Cond: &ast.BinaryExpr{X: id(i), Op: token.LSS, Y: id(n)},
			Post: &ast.IncDecStmt{X: id(i), Tok: token.INC},
			Body: body,
		}
		return []ast.Stmt{&ast.BlockStmt{List: []ast.Stmt{
			define([]ast.Expr{id(n)}, []ast.Expr{r.X}),
			relabel(lab, loop),
		}}}
	})
	return err
}

type intInfer struct {
	env   Env
	decls map[string][]ast.Expr // value or type expressions declaring a name in the cell
	funcs map[string]bool       // names declared in the cell from a func literal
}

func newIntInfer(c *Cell, env Env) *intInfer {
	in := &intInfer{env: env, decls: map[string][]ast.Expr{}, funcs: map[string]bool{}}
	add := func(n *ast.Ident, x ast.Expr) {
		if _, ok := x.(*ast.FuncLit); ok {
			in.funcs[n.Name] = true
		}
		if _, ok := x.(*ast.FuncType); ok {
			in.funcs[n.Name] = true
		}
		in.decls[n.Name] = append(in.decls[n.Name], x)
	}
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						add(id, n.Rhs[i])
					}
				}
			}
		case *ast.ValueSpec:
			for i, nm := range n.Names {
				if n.Type != nil {
					add(nm, n.Type)
				} else if len(n.Values) == len(n.Names) {
					add(nm, n.Values[i])
				}
			}
		case *ast.Field:
			for _, nm := range n.Names {
				add(nm, n.Type)
			}
		}
		return true
	})
	return in
}

var intTypes = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true, "rune": true}

func (in *intInfer) isFunc(x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	if _, local := in.decls[id.Name]; local {
		return in.funcs[id.Name]
	}
	return in.env.Kind != nil && in.env.Kind(id.Name) == reflect.Func
}

func (in *intInfer) isInt(x ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT || x.Kind == token.CHAR
	case *ast.Ident:
		if intTypes[x.Name] {
			return true // a type expression from a declaration
		}
		if ds, local := in.decls[x.Name]; local {
			for _, d := range ds {
				if in.isInt(d, depth+1) {
					return true
				}
			}
			return false
		}
		if in.env.Kind != nil {
			switch in.env.Kind(x.Name) {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				return true
			}
		}
	case *ast.CallExpr:
		if fn, ok := x.Fun.(*ast.Ident); ok {
			return fn.Name == "len" || fn.Name == "cap" || intTypes[fn.Name]
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR, token.AND, token.OR, token.XOR, token.AND_NOT:
			return in.isInt(x.X, depth+1) || in.isInt(x.Y, depth+1)
		}
	case *ast.UnaryExpr:
		return x.Op == token.SUB && in.isInt(x.X, depth+1)
	}
	return false
}
