package frontend

import (
	"go/ast"
)

// yaegi behaviour answered: yaegi v0.16.1 cannot range over functions (Go
// 1.23 iterators); it fails with "nil type" and no position. The kernel says
// what is missing instead. (Package iter is the kernel's own source, package
// stdlib, and imports like any other.)

// rangeOverFunc is the error for a range over a function value.
func rangeOverFunc(c *Cell, x ast.Expr) error {
	l, col := posOf(c.Fset, x.Pos())
	return &Error{Kind: "unsupported", Line: l, Col: col, Msg: "range over function (Go 1.23 iterators) is not supported by the interpreter"}
}
