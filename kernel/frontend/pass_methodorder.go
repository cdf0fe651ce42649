package frontend

import "go/ast"

// passMethodOrder puts the methods of each generic type the cell declares
// in an order where a method comes after the methods it calls (callees
// first, source order otherwise), in the places those methods held:
//
//	func (s *Stack[T]) PushAll(vs ...T) { … s.push(v) … }
//	func (s *Stack[T]) push(v T) { … }
//
// becomes push, then PushAll.
//
// yaegi behaviour answered (v0.16.1): a method of a generic type that
// calls a method of the same type declared after it fails to compile,
// "undefined selector: push"; Go allows any order. Calls are found by
// name (a selector .push anywhere in the body), which at worst orders two
// methods that did not need it; of methods that call each other, the one
// declared first comes last (no order satisfies yaegi there; for a call
// from one of them to the other that runs later, this one may).
func passMethodOrder(c *Cell, env Env) error {
	byType := map[string][]int{} // generic receiver type -> indexes in c.Decls
	for i, d := range c.Decls {
		if name := genericRecv(d); name != "" {
			byType[name] = append(byType[name], i)
		}
	}
	for _, idx := range byType {
		if len(idx) < 2 {
			continue
		}
		methods := map[string]int{} // method name -> position in idx
		for k, i := range idx {
			methods[c.Decls[i].(*ast.FuncDecl).Name.Name] = k
		}
		seen := make([]bool, len(idx))
		var order []ast.Decl
		var visit func(k int)
		visit = func(k int) {
			if seen[k] {
				return
			}
			seen[k] = true
			f := c.Decls[idx[k]].(*ast.FuncDecl)
			if f.Body != nil {
				ast.Inspect(f.Body, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if callee, ok := methods[sel.Sel.Name]; ok {
							visit(callee)
						}
					}
					return true
				})
			}
			order = append(order, f)
		}
		for k := range idx {
			visit(k)
		}
		for k, i := range idx {
			c.Decls[i] = order[k]
		}
	}
	return nil
}

// genericRecv is the name of a method's receiver type when that type is
// generic (its receiver is written T[…]), else "".
func genericRecv(d ast.Decl) string {
	f, ok := d.(*ast.FuncDecl)
	if !ok || f.Recv == nil || len(f.Recv.List) != 1 {
		return ""
	}
	t := f.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name
		}
	case *ast.IndexListExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}
