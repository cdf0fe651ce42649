// Package frontend turns a notebook cell into chunks the yaegi interpreter can
// run so that the cell behaves the way `go run` would run the same code.
//
// Contract: Parse splits a cell (any mix of a package clause, imports,
// declarations and statements, in any order) into imports, hoisted
// declarations and a body of statements and variable definitions kept in
// source order; syntax errors come back as *Error with the cell's own
// line:column. Rewrite then applies the Passes (one file each, each naming the
// yaegi behaviour it answers) to the cell's AST. Chunk-level printing
// (Cell.Print*) emits //line directives so that positions in yaegi's error
// messages are the cell's own.
//
// Why go/parser, go/scanner, go/ast and go/printer: they are the reference
// implementation of Go's syntax, so syntax errors are worded exactly as the go
// command words them, and rewriting an AST (instead of text) keeps every
// rewrite scoped to real syntax. go/printer's SourcePos mode writes //line
// directives, which is the position map from generated chunks back to the
// cell. golang.org/x/tools/go/ast/astutil is not used: the passes need only
// ast.Inspect and a small statement-list walker (see walk.go), which avoids a
// new dependency.
//
// Positions: each top-level unit of the cell is parsed on its own in a
// synthetic file named "cell" whose line N+1 is the cell's line N (the line
// above holds the package clause and wrapper). Error.Line and the positions in
// printed chunks are corrected for that offset (see CellLine).
package frontend
