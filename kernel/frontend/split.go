package frontend

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// Cell is a parsed cell.
type Cell struct {
	Src     string
	Fset    *token.FileSet
	Imports []*ast.ImportSpec // in source order
	// Decls are the declarations hoisted to run before the body, as Go runs
	// package-level declarations before main: func, method, type and const
	// declarations anywhere in the cell, and var declarations that come
	// before the first statement.
	Decls []ast.Decl
	// Body is what runs in source order: statements (ast.Stmt) and variable
	// definitions (*ast.GenDecl with Tok VAR). A top-level `x := e` becomes
	// `var x = e` so that x outlives the cell, as notebook users expect.
	Body []ast.Node
	// Show is the trailing expression whose value is the cell's Out, or nil.
	Show ast.Expr
	// HasMain is set when the cell declares func main (renamed MainName by
	// the main pass); the engine calls it once, after the body.
	HasMain bool
	// Replay is the source of the cell's imports and of its func, type and
	// const declarations (not vars, not func main), as the student wrote
	// them: running them again in a fresh interpreter restores what the
	// cell defined without re-running anything with an effect.
	Replay []string
	// Sites names the cell's functions as Go's stack traces do, and where
	// in each a panic can come from (pass_sites.go).
	Sites *Sites

	ntmp int
	// types is what the type checker found (types.go), nil when the cell
	// was not checked or the check failed; check is what it found even
	// when it failed (for the values pass); checkErrs are its errors.
	types     *Types
	check     *Types
	checkErrs []CheckError
	// lateCheck is the check of a cell of literals and operators alone,
	// put off until an error of the interpreter's wants gc's words for it
	// (InGoWords): no pass needs its types, and the check of a cell is
	// most of a trivial cell's time in the engine (it re-checks the
	// session's declarations).
	lateCheck func()
}

type unitKind int

const (
	uStmt unitKind = iota
	uDecl
	uImport
	uPackage
	uVar
)

type unit struct {
	kind       unitKind
	start, end int // byte offsets in the cell
	line, col  int // of start
}

// Parse splits and parses a cell. The error, if any, is an *Error.
func Parse(src string) (*Cell, error) {
	units, err := split(src)
	if err != nil {
		gcWords(err, src, false)
		return nil, err
	}
	c := &Cell{Src: src, Fset: token.NewFileSet()}
	seenStmt := false
	for _, u := range units {
		text := src[u.start:u.end]
		pad := strings.Repeat("\n", u.line-1+lineOffset) + strings.Repeat(" ", u.col-1)
		kind := u.kind
		if kind == uVar {
			if seenStmt {
				kind = uStmt
			} else {
				kind = uDecl
			}
		}
		switch kind {
		case uPackage:
			// Checked for its syntax only: every cell runs in package main.
			if _, err := parser.ParseFile(c.Fset, "cell", pad+text, parser.PackageClauseOnly); err != nil {
				e := errorsFrom(err, "syntax error")
				gcWords(e, src, true)
				return nil, e
			}
		case uImport, uDecl:
			f, err := parser.ParseFile(c.Fset, "cell", "package main;"+pad+text, parser.SkipObjectResolution)
			if err != nil {
				e := errorsFrom(err, "syntax error")
				gcWords(e, src, true)
				return nil, e
			}
			if u.kind == uImport || (u.kind == uDecl && !declaresMain(f.Decls)) {
				c.Replay = append(c.Replay, text)
			}
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
					for _, s := range g.Specs {
						c.Imports = append(c.Imports, s.(*ast.ImportSpec))
					}
					continue
				}
				c.Decls = append(c.Decls, d)
			}
		case uStmt:
			seenStmt = true
			f, err := parser.ParseFile(c.Fset, "cell", "package main;func _(){"+pad+text+"\n}", parser.SkipObjectResolution)
			if err != nil {
				e := errorsFrom(err, "syntax error")
				atEOF(e, src)
				gcWords(e, src, false)
				return nil, e
			}
			for _, s := range f.Decls[0].(*ast.FuncDecl).Body.List {
				c.Body = append(c.Body, topLevel(s))
			}
		}
	}
	if n := len(c.Body); n > 0 {
		if es, ok := c.Body[n-1].(*ast.ExprStmt); ok && shows(es.X, c.importNames()) {
			c.Show = es.X
			c.Body = c.Body[:n-1]
		}
	}
	return c, nil
}

func declaresMain(decls []ast.Decl) bool {
	for _, d := range decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil && f.Name.Name == "main" {
			return true
		}
	}
	return false
}

// topLevel turns a top-level `a, b := e` into `var a, b = e` so that the
// names become package-level variables that later cells can use; a
// top-level `var` statement is kept as a declaration for the same reason.
func topLevel(s ast.Stmt) ast.Node {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return s
		}
		vs := &ast.ValueSpec{Values: s.Rhs}
		for _, l := range s.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				return s // a syntax error go/parser has reported already
			}
			vs.Names = append(vs.Names, id)
		}
		return &ast.GenDecl{TokPos: s.Pos(), Tok: token.VAR, Specs: []ast.Spec{vs}}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			return g
		}
	}
	return s
}

// importNames maps the names the cell imports to their paths, with the
// defaults for fmt and log so that Show works without an import in the cell.
func (c *Cell) importNames() map[string]string {
	m := map[string]string{"fmt": "fmt", "log": "log"}
	for _, s := range c.Imports {
		name, p := ImportName(s)
		m[name] = p
	}
	return m
}

// shows reports whether a trailing expression's value is the cell's Out: not
// for calls made for their output (fmt.Print*, fmt.Fprint*, log.*, print,
// println) or that never return (panic). Calls with no result are found
// only when the interpreter compiles them (see engine).
func shows(x ast.Expr, imports map[string]string) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return true
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		switch fn.Name {
		case "print", "println", "panic", "clear", "close", "delete", "copy":
			return false
		}
	case *ast.SelectorExpr:
		if pkg, ok := fn.X.(*ast.Ident); ok {
			switch imports[pkg.Name] {
			case "fmt":
				n := fn.Sel.Name
				return !strings.HasPrefix(n, "Print") && !strings.HasPrefix(n, "Fprint")
			case "log":
				return false
			}
		}
	}
	return true
}

// split cuts the cell into top-level units at depth-0 semicolons (explicit or
// inserted at line ends, exactly where go/parser sees them) and classifies
// each by its first tokens.
func split(src string) ([]unit, *Error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(src), func(p token.Position, msg string) { errs.Add(p, msg) }, 0)

	type tok struct {
		pos token.Pos
		tok token.Token
		lit string
	}
	var units []unit
	var cur []tok
	depth := 0
	header := false
	flush := func(end int) {
		if len(cur) == 0 {
			return
		}
		first := fset.Position(cur[0].pos)
		u := unit{kind: classify(cur[0].tok, func(i int) token.Token {
			if i < len(cur) {
				return cur[i].tok
			}
			return token.EOF
		}), start: first.Offset, end: end, line: first.Line, col: first.Column}
		units = append(units, u)
		cur = cur[:0]
		header = false
	}
	lastEnd := 0
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := fset.Position(pos).Offset
		switch t {
		case token.FOR, token.IF, token.SWITCH:
			if depth == 0 {
				header = true // the semicolons of `for a; b; c {` do not end a unit
			}
		}
		switch t {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			if t == token.LBRACE && depth == 0 {
				header = false
			}
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		}
		if t == token.SEMICOLON && depth <= 0 && !(header && lit == ";") {
			flush(lastEnd)
			depth = max(depth, 0)
			continue
		}
		cur = append(cur, tok{pos, t, lit})
		end := off + len(lit)
		if lit == "" {
			end = off + len(t.String())
		}
		// The semicolon the scanner inserts at the end of input has the
		// literal "\n" but no byte in src (found by FuzzParseRewrite).
		lastEnd = min(end, len(src))
	}
	flush(lastEnd)
	if len(errs) > 0 {
		errs.Sort()
		e := errs[0]
		return nil, &Error{Kind: "syntax error", Line: e.Pos.Line, Col: e.Pos.Column, Msg: e.Msg}
	}
	return units, nil
}

func classify(first token.Token, at func(int) token.Token) unitKind {
	switch first {
	case token.PACKAGE:
		return uPackage
	case token.IMPORT:
		return uImport
	case token.TYPE, token.CONST:
		return uDecl
	case token.VAR:
		return uVar
	case token.FUNC:
		switch at(1) {
		case token.IDENT:
			return uDecl
		case token.LPAREN:
			// A method has "func (recv) Name(" or "func (recv) Name[";
			// a function literal has "func (params) {", "func (params) T {",
			// "func (params) (results) {".
			d := 0
			for i := 1; ; i++ {
				switch at(i) {
				case token.LPAREN:
					d++
				case token.RPAREN:
					d--
					if d == 0 {
						if at(i+1) == token.IDENT && (at(i+2) == token.LPAREN || at(i+2) == token.LBRACK) {
							return uDecl
						}
						return uStmt
					}
				case token.EOF:
					return uStmt
				}
			}
		}
	}
	return uStmt
}

// atEOF moves an error found on the wrapper's closing line (the cell ended
// too early) to the end of the cell, worded as go/parser words a file that
// ends there.
func atEOF(e *Error, src string) {
	lines := strings.Split(src, "\n")
	if e.Line <= len(lines) {
		return
	}
	e.Line, e.Col = len(lines), len(lines[len(lines)-1])+1
	e.Msg = strings.Replace(e.Msg, "found '}'", "found 'EOF'", 1)
}

// ImportName is the name an import spec binds in the cell ("rand" for
// "math/rand", the alias when there is one, "_" or ".") and its path.
func ImportName(s *ast.ImportSpec) (name, path string) {
	path, _ = strconv.Unquote(s.Path.Value)
	name = path[strings.LastIndex(path, "/")+1:]
	if s.Name != nil {
		name = s.Name.Name
	}
	return name, path
}
