package frontend

import (
	"go/ast"
	"strings"
)

// MissingImport is Go's compile error for a package the cell uses without
// importing it (`undefined: maps` for `maps.Keys(m)` when no cell imported
// "maps"), or nil. It answers only when the checker says so and the name is
// that of a package the interpreter offers, used as a qualifier (maps.X),
// and declared nowhere in the session: a program Go refuses for certain.
//
// yaegi behaviour answered (v0.16.1): it does not always refuse such a
// cell; `ks := slices.Sorted(maps.Keys(m))` with "slices" imported and
// "maps" not panics with a nil pointer dereference inside the interpreter,
// which the student would read as a runtime error of their own code.
func (s *Session) MissingImport(c *Cell) *Error {
	if s == nil {
		return nil
	}
	for _, ce := range c.checkErrs {
		name, ok := strings.CutPrefix(ce.Msg, "undefined: ")
		if !ok || ce.Allowed || !s.imp.offers(name) || s.declares(name) {
			continue
		}
		if qualifies(c, name, ce.Line, ce.Col) {
			return &Error{Kind: "compile error", Line: ce.Line, Col: ce.Col, Msg: ce.Msg}
		}
	}
	return nil
}

// qualifies reports whether the cell has a selector name.X at line:col.
func qualifies(c *Cell, name string, line, col int) bool {
	found := false
	c.allNodes(func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found {
			return !found
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == name {
			l, cl := posOf(c.Fset, id.Pos())
			found = l == line && cl == col
		}
		return !found
	})
	return found
}

// offers reports whether some package the interpreter offers is named name.
func (im *checkImporter) offers(name string) bool {
	im.mu.Lock()
	defer im.mu.Unlock()
	for _, tb := range im.tables {
		if tb.name == name {
			return true
		}
	}
	return false
}

// declares reports whether an earlier cell declared name at top level or
// imported a package under it.
func (s *Session) declares(name string) bool {
	_, imported := s.imports[name]
	_, declared := s.decls[name]
	return imported || declared
}
