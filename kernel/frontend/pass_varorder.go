package frontend

import (
	"go/ast"
	"go/token"
)

// passVarOrder orders the cell's package-level var declarations by
// dependency, as Go initializes them (a var is initialized after the vars
// its initializer refers to, directly or through functions of the cell),
// and moves them after the cell's other declarations.
//
// yaegi behaviour answered: yaegi v0.16.1 initializes package-level vars in
// source order, so `var total = compute(); func compute() int { return base
// * 2 }; var base = 21` gives total 0 instead of 42.
func passVarOrder(c *Cell, env Env) error {
	var vars, others []ast.Decl
	owner := map[string]int{} // var name -> index in vars
	funcs := map[string]*ast.FuncDecl{}
	for _, d := range c.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					owner[n.Name] = len(vars)
				}
			}
			vars = append(vars, d)
			continue
		}
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil {
			funcs[f.Name.Name] = f
		}
		others = append(others, d)
	}
	if len(vars) < 2 {
		return nil
	}
	deps := func(d ast.Decl) map[int]bool {
		out := map[int]bool{}
		seen := map[string]bool{}
		var visit func(n ast.Node)
		visit = func(n ast.Node) {
			ast.Inspect(n, func(x ast.Node) bool {
				id, ok := x.(*ast.Ident)
				if !ok || seen[id.Name] {
					return true
				}
				seen[id.Name] = true
				if i, ok := owner[id.Name]; ok {
					out[i] = true
				}
				if f, ok := funcs[id.Name]; ok {
					visit(f.Body)
				}
				return true
			})
		}
		for _, s := range d.(*ast.GenDecl).Specs {
			for _, v := range s.(*ast.ValueSpec).Values {
				visit(v)
			}
		}
		return out
	}
	state := make([]int, len(vars)) // 0 new, 1 visiting, 2 done
	var order []ast.Decl
	var place func(i int)
	place = func(i int) {
		if state[i] != 0 {
			return // done, or a cycle (Go rejects it; keep source order)
		}
		state[i] = 1
		for j := range vars {
			if j != i && deps(vars[i])[j] {
				place(j)
			}
		}
		state[i] = 2
		order = append(order, vars[i])
	}
	for i := range vars {
		place(i)
	}
	c.Decls = append(others, order...)
	return nil
}
