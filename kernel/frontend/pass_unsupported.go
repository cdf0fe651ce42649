package frontend

import (
	"go/ast"
	"strings"
)

// passUnsupported rejects, with an error naming the feature, what the
// interpreter cannot run correctly.
//
// yaegi behaviour answered: yaegi v0.16.1 has no package iter and cannot
// range over functions (Go 1.23 iterators); it fails with "nil type" and no
// position, or with a GOPATH hint. The kernel says what is missing instead.
func passUnsupported(c *Cell, env Env) error {
	for _, s := range c.Imports {
		if strings.Trim(s.Path.Value, "\"`") == "iter" {
			l, col := posOf(c.Fset, s.Pos())
			return &Error{Kind: "unsupported", Line: l, Col: col, Msg: "package iter (range-over-func iterators, Go 1.23) is not supported by the interpreter"}
		}
	}
	return nil
}

// rangeOverFunc is the error for a range over a function value.
func rangeOverFunc(c *Cell, x ast.Expr) error {
	l, col := posOf(c.Fset, x.Pos())
	return &Error{Kind: "unsupported", Line: l, Col: col, Msg: "range over function (Go 1.23 iterators) is not supported by the interpreter"}
}
