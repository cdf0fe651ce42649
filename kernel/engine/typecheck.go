package engine

// What the front-end's type checker is given: the packages the interpreter
// offers, as the tables useHost loaded (the standard library, the bundled
// modules, the kernel's overrides and host packages, later tables winning
// name by name as in interp.Use), and the Go source of the generic
// functions the interpreter compiles from source, and for any other path
// the interpreter's own symbols (a module's packages, compiled from source).
// The engine keeps the checker's session (Engine.session), one per
// interpreter, and commits to it what each cell defined, as it defines it
// (execute.go); the values pass and its printer (values.go) use the same
// session: one check per cell.
//
// A compile error of the interpreter's is reported in Go's words when the
// checker found an error at the same line of the cell (or, for a message
// with no line, such as yaegi's "nil type", in the piece of the cell being
// compiled): inGoWords, called by toError.

import (
	"reflect"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/stdlib"
	"github.com/traefik/yaegi/interp"
)

// checkerPackages are the interpreter's packages for the type checker. The
// generic sources are the kernel's generic standard library (package
// stdlib), which New compiles into the interpreter, replacing yaegi's own
// sources of the same packages.
func checkerPackages(in *interp.Interpreter, tables []interp.Exports) frontend.Packages {
	p := frontend.Packages{Sources: map[string][]string{}, Symbols: func(path string) (string, map[string]reflect.Value, bool) {
		return symbolTable(in, path)
	}}
	for _, t := range tables {
		p.Tables = append(p.Tables, t)
	}
	for path, src := range stdlib.Sources() {
		p.Sources[path] = []string{src}
	}
	return p
}

// inGoWords is the checker's wording of a compile error the interpreter
// reported while running the current cell, or nil.
func (e *Engine) inGoWords(fe *frontend.Error, kind string) *frontend.Error {
	if kind != "compile error" || e.cell == nil {
		return nil
	}
	return e.cell.InGoWords(fe, e.chunk)
}
