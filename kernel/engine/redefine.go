package engine

import (
	"fmt"
	"go/ast"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
)

// Declarations across cells: what a cell may redefine, and who still uses
// the old definition.
//
// yaegi behaviour answered (measured on v0.16.1): a redefined func is used
// by code compiled afterwards, but a function compiled earlier keeps calling
// the old one; a redefined method is silently ignored (the old body runs); a
// redefined type is silently ignored. The engine refuses what yaegi would
// ignore and names what keeps the old function.

func declKey(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	return recvType(d.Recv.List[0].Type) + "." + d.Name.Name
}

func recvType(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.StarExpr:
		return recvType(x.X)
	case *ast.IndexExpr:
		return recvType(x.X)
	case *ast.IndexListExpr:
		return recvType(x.X)
	case *ast.Ident:
		return x.Name
	}
	return "?"
}

// checkRedefinitions refuses a cell that changes a type or a method an
// earlier cell defined.
func (e *Engine) checkRedefinitions(c *frontend.Cell, code string) *outcome.Error {
	refuse := func(n ast.Node, what string) *outcome.Error {
		l, col := c.Pos(n.Pos())
		return cellError(&frontend.Error{Kind: "compile error", Line: l, Col: col,
			Msg: what + " is already defined by an earlier cell and the interpreter cannot redefine it (it would keep the old one); restart the kernel to change it"}, code)
	}
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				continue
			}
			k := declKey(d)
			if old, ok := e.funcs[k]; ok && old.src != c.Text(d.Type)+c.Text(d.Body) {
				return refuse(d.Name, "method "+k)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok {
					if old, ok := e.types[ts.Name.Name]; ok && old != c.Text(ts.Type) {
						return refuse(ts.Name, "type "+ts.Name.Name)
					}
				}
			}
		}
	}
	return nil
}

// recordDecls remembers the cell's declarations and warns, on stderr, about
// functions of earlier cells that still call a function this cell redefined.
func (e *Engine) recordDecls(c *frontend.Cell) {
	redefined := map[string]bool{}
	here := map[string]bool{}
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			k := declKey(d)
			here[k] = true
			if _, ok := e.funcs[k]; ok && d.Recv == nil {
				redefined[k] = true
			}
			refs := map[string]bool{}
			ast.Inspect(d.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					refs[id.Name] = true
				}
				return true
			})
			e.funcs[k] = &def{src: c.Text(d.Type) + c.Text(d.Body), refs: refs}
			if d.Recv == nil {
				e.defined[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					e.types[s.Name.Name] = c.Text(s.Type)
					e.defined[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						e.defined[n.Name] = true
						if d.Tok.String() == "var" {
							e.vars[n.Name] = true
						}
					}
				}
			}
		}
	}
	for f := range redefined {
		var stale []string
		for k, d := range e.funcs {
			// The kernel's own functions (%check's _gk_check and helpers)
			// are evaluated again each time they are used: never stale.
			if !here[k] && d.refs[f] && !strings.HasPrefix(k, frontend.Reserved) {
				stale = append(stale, strings.Replace(k, frontend.MainName, "main", 1))
			}
		}
		if len(stale) == 0 {
			continue
		}
		sort.Strings(stale)
		where, verb, rerun := "an earlier cell", "calls", "the cell that defines it"
		if len(stale) > 1 {
			where, verb, rerun = "earlier cells", "call", "the cells that define them"
		}
		fmt.Fprintf(e.stderr, "note: %s is redefined, but %s (defined in %s) still %s the old %s; re-run %s to use the new one\n",
			f, strings.Join(stale, ", "), where, verb, f, rerun)
	}
}
