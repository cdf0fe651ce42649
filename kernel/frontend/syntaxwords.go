package frontend

// Syntax errors in the go command's words. go/parser and the compiler the go
// command runs (cmd/compile/internal/syntax) find the same errors at the same
// places, mostly, but word them differently:
//
//	go/parser:  expected statement, found ')'
//	go build:   syntax error: unexpected ) at end of statement
//
// gcWords rewrites the go/parser messages of the common mistakes as gc
// words them (the table below, each entry checked against `go build`
// output by TestSyntaxWordsMatchGoBuild); a message it does not know keeps
// go/parser's words. Positions stay go/parser's, except where gc reports
// another place: an unterminated string at the end of its line, the `=` of
// an assignment used as a condition.

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/scanner"
	"go/token"
	"regexp"
	"strings"
)

var (
	expectedFoundRE = regexp.MustCompile(`^expected (.+), found (.+)$`)
	missingCommaRE  = regexp.MustCompile(`^missing ',' (before newline )?in (argument list|composite literal|parameter list)$`)
)

// gcWords rewrites e, a syntax error in src (the whole cell), in gc's
// words; decl says whether the error is in a top-level declaration (rather
// than in statements).
func gcWords(e *Error, src string, decl bool) {
	if e == nil || e.Line < 1 {
		return
	}
	lines := strings.Split(src, "\n")
	if e.Line > len(lines) {
		return
	}
	line := lines[e.Line-1]
	before := ""
	if e.Col-1 <= len(line) && e.Col >= 1 {
		before = line[:e.Col-1]
	}
	syntax := func(msg string) { e.Msg = "syntax error: " + msg }

	switch msg := e.Msg; {
	case msg == "string literal not terminated" && e.Col >= 1 && e.Col <= len(line) && line[e.Col-1] == '"':
		e.Msg, e.Col = "newline in string", len(line)+1
	case msg == "illegal rune literal" && e.Col >= 1 && e.Col <= len(line):
		if strings.HasPrefix(line[e.Col-1:], "''") {
			e.Msg, e.Col = "empty rune literal or unescaped '", e.Col+1
		} else {
			e.Msg = "more than one character in rune literal"
		}
	case strings.HasPrefix(msg, "expected if statement or block, found "):
		syntax("else must be followed by if or statement block")
	case strings.HasPrefix(msg, "expected boolean expression, found assignment"):
		if text, col, ok := assignmentAsValue(line, e.Col); ok {
			syntax("cannot use " + text + " as value")
			e.Col = col
		}
	case missingCommaRE.MatchString(msg):
		m := missingCommaRE.FindStringSubmatch(msg)
		tok := "newline"
		if m[1] == "" {
			tok = tokenAt(line, e.Col)
			if tok == "" {
				return
			}
		}
		closer := ")"
		if m[2] == "composite literal" {
			closer = "}"
		}
		syntax("unexpected " + tok + " in " + m[2] + "; possibly missing comma or " + closer)
	case expectedFoundRE.MatchString(msg):
		m := expectedFoundRE.FindStringSubmatch(msg)
		want, found := m[1], gcToken(m[2])
		switch want {
		case "statement":
			if strings.TrimSpace(before) == "" {
				syntax("unexpected " + found + ", expected }")
			} else {
				syntax("unexpected " + found + " at end of statement")
			}
		case "';'":
			if decl {
				syntax("unexpected " + found + " after top level declaration")
			} else {
				syntax("unexpected " + found + " at end of statement")
			}
		case "operand":
			syntax("unexpected " + found + ", expected expression")
		case "selector or type assertion":
			syntax("unexpected " + found + ", expected name or (")
		case "'IDENT'":
			syntax("unexpected " + found + ", expected name")
		case "type":
			if found == ":=" {
				syntax("unexpected :=, expected =")
			}
		case "'{'":
			clause := ""
			for _, kw := range []string{"for", "if", "switch"} {
				t := strings.TrimSpace(line)
				if strings.HasPrefix(t, kw+" ") || strings.HasPrefix(t, "} else "+kw+" ") {
					clause = " after " + kw + " clause"
				}
			}
			syntax("unexpected " + found + ", expected {" + clause)
		default:
			if len(want) >= 3 && want[0] == '\'' && want[len(want)-1] == '\'' {
				syntax("unexpected " + found + ", expected " + want[1:len(want)-1])
			}
		}
	}
}

// gcToken is how gc names a token that go/parser names as found: 'EOF',
// newline, ';', a quoted operator or keyword, or the text of an identifier
// or literal.
func gcToken(found string) string {
	if len(found) >= 3 && found[0] == '\'' && found[len(found)-1] == '\'' {
		t := found[1 : len(found)-1]
		switch t {
		case ";":
			return "semicolon"
		case ",":
			return "comma"
		case "EOF":
			return "EOF"
		}
		if token.Lookup(t).IsKeyword() {
			return "keyword " + t
		}
		return t
	}
	if found == "newline" {
		return found
	}
	if token.IsIdentifier(found) {
		return "name " + found
	}
	return "literal " + found
}

// tokenAt is gc's name for the token that starts at col of line.
func tokenAt(line string, col int) string {
	if col < 1 || col > len(line)+1 {
		return ""
	}
	fset := token.NewFileSet()
	rest := line[col-1:]
	f := fset.AddFile("", -1, len(rest))
	var s scanner.Scanner
	s.Init(f, []byte(rest), nil, 0)
	_, tok, lit := s.Scan()
	switch {
	case tok == token.EOF || tok == token.SEMICOLON && lit == "\n":
		return "newline"
	case tok == token.IDENT:
		return "name " + lit
	case tok.IsLiteral():
		return "literal " + lit
	case tok.IsKeyword():
		return "keyword " + tok.String()
	case tok == token.SEMICOLON:
		return "semicolon"
	case tok == token.COMMA:
		return "comma"
	}
	return tok.String()
}

// assignmentAsValue writes the assignment that starts at col of line and
// ends before the block's {, as gc does: "assignment x = 1", an operand
// with a binary operator in parentheses; col is that of its =.
func assignmentAsValue(line string, col int) (string, int, bool) {
	if col < 1 || col > len(line) {
		return "", 0, false
	}
	text := line[col-1:]
	brace := strings.LastIndex(text, "{")
	if brace < 0 {
		return "", 0, false
	}
	text = text[:brace]
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p;func _(){"+text+"}", parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return "", 0, false
	}
	body := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(body) != 1 {
		return "", 0, false
	}
	as, ok := body[0].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return "", 0, false
	}
	side := func(x ast.Expr) string {
		var b bytes.Buffer
		printer.Fprint(&b, fset, x)
		if _, bin := x.(*ast.BinaryExpr); bin {
			return "(" + b.String() + ")"
		}
		return b.String()
	}
	eq := fset.Position(as.TokPos).Offset - len("package p;func _(){")
	return "assignment " + side(as.Lhs[0]) + " = " + side(as.Rhs[0]), col + eq, true
}
