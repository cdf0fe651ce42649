// Package frontend turns a notebook cell into chunks the yaegi interpreter can
// run so that the cell behaves the way `go run` would run the same code.
//
// Contract:
//
//   - Parse (split.go) splits a cell (any mix of a package clause, imports,
//     declarations and statements, in any order) into imports, hoisted
//     declarations, a body of statements and variable definitions kept in
//     source order, and the trailing expression whose value is the cell's
//     Out. Syntax errors come back as *Error with the cell's own line:column,
//     in the go command's words where syntaxwords.go knows gc's wording of
//     go/parser's message, else in go/parser's.
//   - Rewrite (pass.go) applies the passes, in a fixed order, to the cell's
//     AST. Each pass is one file, pass_NAME.go, whose doc comment shows the
//     rewrite and names the yaegi behaviour it answers. A pass may refuse a
//     feature the interpreter cannot run (an *Error of kind "unsupported").
//   - The rewritten code calls names the front-end does not define: the
//     host package RuntimePath (as RuntimePkg.F), prelude helpers and
//     MainName. runtime.go declares all of them; the engine defines them.
//   - Cell.Print* (print.go) render one chunk: a piece of the cell as Go
//     source, with no //line directive in it, ending in a line table
//     comment (LineTable) that gives the synthetic cell line of each of the
//     chunk's lines, 0 for a line the kernel made up. ChunkLine reads it;
//     the engine uses it to map the positions in yaegi's messages back to
//     the cell, and FromInterpreter and FindColumn turn such a message into
//     an *Error.
//
// Why go/parser, go/scanner, go/ast and go/printer: they are the standard
// library's implementation of Go's syntax, finding the errors the compiler
// finds at the same places (syntaxwords.go gives them the compiler's words),
// and rewriting an AST (instead of text) keeps every rewrite scoped to real
// syntax. go/printer's SourcePos mode writes //line
// directives where a node's line changes, from which the printer builds the
// line table (yaegi itself mishandles a chunk with several directives, see
// print.go). golang.org/x/tools/go/ast/astutil is not used: the passes need
// only ast.Inspect and a small statement-list walker (Cell.eachStmt in
// pass.go), which avoids a new dependency.
//
// Types: Rewrite first type-checks the cell with go/types (types.go), over
// the declarations of earlier cells (Env.Types, a Session the engine keeps)
// and the packages the interpreter offers. Packages are imported into
// go/types from the interpreter's own symbol tables (reflect types turned
// into go/types types, importer.go), with the generic functions
// type-checked from the source the interpreter compiles, rather than with
// go/importer: measured on the development machine, the "source" importer
// takes 0.95 s for fmt and 2.5 s for net/http on first import, and
// importer.Default runs `go list -export` (96 ms and 186 ms with a warm build
// cache) and needs the toolchain at run time; both describe Go's standard
// library rather than what the interpreter runs. From the tables, fmt takes
// 0.2 ms and net/http, with every package its types mention, 3 to 4 ms,
// once per session (BenchmarkImport); a cell then costs its own check, 0.2
// ms for a lesson's cell (BenchmarkCheckLessons). The check runs once per
// cell and serves every pass: the values pass (pass_values.go) reads the
// same types, failed check or not, and the Session also holds what the
// values pass's printer reads at run time (values_types.go). The
// passes that need types (rangefunc, generics, vartypes) do nothing when the check
// fails: the checker never makes a cell fail, the interpreter has the last
// word. Where the interpreter reports a compile error and the checker found
// one at the same line, Cell.InGoWords gives the checker's, which is in gc's
// words ("invalid operation: a + s (mismatched types int and string)" for
// yaegi's "invalid operation: mismatched types int and string").
//
// Positions: each top-level unit of the cell is parsed on its own in a
// synthetic file named "cell" whose line N+1 is the cell's line N (the line
// above holds the package clause and wrapper). Cell.Pos and Error.Line are
// the cell's own lines; the line table holds synthetic lines, which CellLine
// converts.
package frontend
