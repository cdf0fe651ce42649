// Package engine runs cells in a yaegi interpreter: it is the interpreter step
// of a cell's life, after the front-end (package frontend) has split and
// rewritten the source and before the worker ships the result to the kernel.
//
// Contract: Execute never panics and never lets a panic in the cell's own
// goroutine escape; it returns when the cell ends or its context is cancelled.
// Output goes to the *os.File pipes given in Options, so that fmt.Print*,
// println (on stderr, as in Go), log and os.Stdout/os.Stderr writes in the
// cell all land there.
//
// A cell runs as `go run` would run it: imports first (re-importing is
// silent), then the cell's declarations (func, method, type, const and the
// var declarations before the first statement) in one piece, then its
// statements and variable definitions in source order, then func main if the
// cell declares one — exactly once. A top-level `x := e` defines a
// package-level x that later cells see. Statements run inside a generated
// function, so block scoping and defer behave as in a function body; a
// defer at a cell's top level runs when the statements before the next
// top-level variable definition end (documented limit).
//
// Out: a trailing expression's value becomes Result.Data["text/plain"]. One
// value is formatted as fmt.Println would print it, with the session's
// types known (values.go): strings quoted like Go source (so "42" and 42
// differ), nil as <nil>, anything else as %v. Several results
// (a call returning (T, error)) show as a tuple "(1, <nil>)" with each
// element formatted the same way. A trailing call with no result, or to
// fmt.Print*, fmt.Fprint*, log.*, print, println, panic, shows nothing; a
// cell that does not end in an expression never shows a value.
// Rich Out: a trailing image.Image adds image/png; a trailing expression
// whose type has an HTML, Markdown or SVG method (func() string) adds
// text/html, text/markdown or image/svg+xml (see richShow for how, given
// yaegi's hidden methods).
//
// Host packages: cells can import "gokernel/display" (package display; its
// events go to Options.Display). Source packages: cells can import the
// packages of Options.Sources (package modules: the modules of %go get),
// interpreted from source; compiled-in packages win. os.Getenv and its siblings are the worker
// process's real environment, not yaegi's private one.
//
// Introspection: Names (%who), Describe (a variable's type, fields and
// methods, for completion) and Inspect; they read the interpreter and must
// not run while Execute runs, except Describe and Names, which read no
// values.
//
// Errors: syntax errors and compile errors point at the cell's own line and
// column, in the go command's words where the front-end knows them (its
// wording table, its type checker's errors; typecheck.go), else in
// go/parser's or yaegi's; see toError for the
// outcome.Error shape. A syntax error or a rejected redefinition runs nothing.
// A compile error in a later piece of the cell (a statement group after a
// variable definition, say) leaves the earlier pieces run: the interpreter
// cannot undo them.
//
// Redefinition: a redefined func takes effect for code compiled afterwards;
// functions from earlier cells that call it keep the old one (yaegi binds calls
// when it compiles), and the engine says so on stderr, naming them. yaegi
// ignores a redefined type or method, so a cell that changes one is refused
// with an error saying to restart the kernel; re-running an unchanged
// definition is fine.
//
// # Files, one job each
//
// The files follow what a change is about, so that a change to how values
// print, to the symbols the interpreter is given or to how an error reads
// touches one file:
//
//	engine.go      the Engine: Options, New (an interpreter, its host symbols,
//	               the prelude), eval (every Eval goes through it)
//	execute.go     a cell's life: Execute's steps — parse and rewrite, imports,
//	               declarations, body, trailing value, main — and Result
//	host.go        what the interpreter is given besides the standard library:
//	               os (std streams, Exit, the real environment), log.Fatal*,
//	               errors.As, the display package
//	runtime.go     what rewritten code calls: the "gokernel/rt" host package and
//	               the interpreted prelude, under the names package frontend
//	               declares
//	sched.go       waiting that an interrupt can end and the deadlock check can
//	               see: time's sleeps and timers, sync.WaitGroup
//	vars.go        package-level variables across cells: defineVars and the
//	               "variable definition loop", undefined initialisers, the kinds
//	               the passes ask about
//	redefine.go    declarations across cells: refused and stale redefinitions
//	show.go        a trailing value as a MIME bundle: quoting, tuples, a
//	               trailing receive, rich values
//	values.go      values of the session's types printed as Go prints them:
//	               the runtime side of the front-end's values pass (fmt's
//	               and log's print functions, type registration) and the
//	               printer behind them and behind Out
//	errors.go      failures as outcome.Error: chunk positions back to the
//	               cell, panics, exits, interrupts
//	trace.go       a panic's interpreted stack, in cell lines
//	introspect.go  Names, Describe, Inspect and the type names they print
//
// yaegi (github.com/traefik/yaegi) is used because it is the maintained Go
// interpreter with the full standard library; its gaps are answered here or in
// the front-end, each next to the behaviour it works around, and each file's
// doc comment lists the ones it answers.
package engine
