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
				delete(e.broken, d.Name.Name)
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

// Funcs left half-defined by a cell whose declarations did not compile.
//
// yaegi behaviour answered (measured on v0.16.1): when a chunk of
// declarations fails to compile, its funcs stay defined with what part of
// their bodies was compiled, often nothing: `func f() { fmt.Println(1);
// undefinedThing() }` fails, and a later cell's `f()` prints nothing and
// reports no error, where Go never runs a program that does not compile;
// a good f of an earlier cell is replaced all the same for code compiled
// afterwards (code compiled before keeps the old one). The engine remembers
// those funcs and refuses a later cell that names one, until a cell
// defines it again.

// markBroken records the funcs of c, whose declarations failed to compile.
func (e *Engine) markBroken(c *frontend.Cell) {
	for _, d := range c.Decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil && f.Name.Name != frontend.MainName {
			if e.broken == nil {
				e.broken = map[string]string{}
			}
			where := e.cellName()
			if where == "cell" { // no tracker: no In[n]
				where = "an earlier cell"
			}
			e.broken[f.Name.Name] = where
		}
	}
}

// brokenUse is the compile error of a cell that names a func a failed
// cell left half-defined, at the first such name; nil when it names none.
func (e *Engine) brokenUse(c *frontend.Cell) *frontend.Error {
	names := map[string]bool{}
	for n := range e.broken {
		names[n] = !c.DeclaresAtTop(n) // a definition in the cell replaces it
	}
	for _, n := range varNames(c) {
		names[n] = false
	}
	for n, ok := range names {
		if !ok {
			delete(names, n)
		}
	}
	id := c.UseOf(names)
	if id == nil {
		return nil
	}
	line, col := c.Pos(id.Pos())
	return &frontend.Error{Kind: "compile error", Line: line, Col: col,
		Msg: fmt.Sprintf("undefined: %s (its declaration in %s did not compile; run a cell that declares it again)", id.Name, e.broken[id.Name])}
}
