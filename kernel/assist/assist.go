// Package assist answers the requests that read a cell without running it:
// is_complete, complete and inspect. It works from the source text and the
// interpreter's symbol tables (yaegi's stdlib.Symbols), so it answers at once
// even while a cell runs in the worker.
//
// It uses go/scanner for is_complete rather than a hand-written bracket
// counter: the scanner knows Go's strings, runes, raw strings and comments.
package assist

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/traefik/yaegi/stdlib"
)

// Assistant holds the symbol index; the zero value is not usable, use New.
type Assistant struct {
	mu   sync.Mutex
	user map[string]bool // names cells defined

	pkgs map[string]map[string]reflect.Value // package name -> exported symbols
	// paths maps a package name to its import path, e.g. "rand" -> "math/rand".
	paths map[string]string
}

// New indexes the standard library symbols the interpreter offers.
func New() *Assistant {
	a := &Assistant{pkgs: map[string]map[string]reflect.Value{}, paths: map[string]string{}, user: map[string]bool{}}
	for key, syms := range stdlib.Symbols {
		importPath := path.Dir(key)
		name := path.Base(key)
		if strings.Contains(importPath, "internal") {
			continue
		}
		if old, ok := a.paths[name]; ok && !preferPath(importPath, old) {
			continue
		}
		a.paths[name] = importPath
		a.pkgs[name] = syms
	}
	return a
}

// Learn adds names that cells defined.
func (a *Assistant) Learn(names []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, n := range names {
		a.user[n] = true
	}
}

// preferPath decides which package a name means when several standard
// packages share it: the one a student most likely wants, else the shorter.
func preferPath(p, than string) bool {
	for _, favourite := range []string{"math/rand", "text/template"} {
		if p == favourite || than == favourite {
			return p == favourite
		}
	}
	if len(p) != len(than) {
		return len(p) < len(than)
	}
	return p < than
}

// IsComplete says whether code is ready to run: "complete", "incomplete"
// (an open bracket, string or comment; indent is the next line's indent), or
// "invalid" (a syntax error that more lines cannot fix).
func (a *Assistant) IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	var scanErr bool
	var unterminated bool
	s.Init(file, []byte(code), func(pos token.Position, msg string) {
		// A raw string or a comment may go on over more lines; a "string"
		// or 'rune' cut at the end of a line is a syntax error in Go.
		if msg == "raw string literal not terminated" || msg == "comment not terminated" {
			unterminated = true
		} else {
			scanErr = true
		}
	}, scanner.ScanComments)
	depth := 0
	last := token.ILLEGAL
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LBRACE, token.LPAREN, token.LBRACK:
			depth++
		case token.RBRACE, token.RPAREN, token.RBRACK:
			depth--
		}
		if tok != token.SEMICOLON && tok != token.COMMENT {
			last = tok
		}
	}
	if scanErr || depth < 0 {
		return "invalid", ""
	}
	if unterminated {
		return "incomplete", ""
	}
	if depth > 0 {
		return "incomplete", strings.Repeat("\t", depth)
	}
	switch last { // a line ending in an operator or comma continues
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR,
		token.SHL, token.SHR, token.AND_NOT, token.LAND, token.LOR, token.ARROW, token.ASSIGN,
		token.DEFINE, token.COMMA, token.PERIOD, token.EQL, token.NEQ, token.LSS, token.GTR,
		token.LEQ, token.GEQ, token.COLON:
		return "incomplete", ""
	}
	if parses(code) {
		return "complete", ""
	}
	return "invalid", ""
}

// parses reports whether code is a valid sequence of Go declarations or of
// statements — what a cell may contain.
func parses(code string) bool {
	fset := token.NewFileSet()
	if _, err := parser.ParseFile(fset, "", code, 0); err == nil {
		return true
	}
	if _, err := parser.ParseFile(fset, "", "package p\n"+code, 0); err == nil {
		return true
	}
	_, err := parser.ParseFile(fset, "", "package p\nfunc _() {\n"+code+"\n}", 0)
	return err == nil
}

var keywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
	"func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
	"struct", "switch", "type", "var",
}

var builtins = []string{
	"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex", "complex128",
	"complex64", "copy", "delete", "error", "false", "float32", "float64", "imag", "int", "int16",
	"int32", "int64", "int8", "iota", "len", "make", "max", "min", "new", "nil", "panic", "print",
	"println", "real", "recover", "rune", "string", "true", "uint", "uint16", "uint32", "uint64",
	"uint8", "uintptr",
}

// Complete returns the names that can replace the word before cursor (a rune
// offset): "pkg.Pre" completes exported names of a standard package, a bare
// word completes keywords, builtins and package names.
func (a *Assistant) Complete(code string, cursor int) (matches []string, start, end int, md map[string]any) {
	runes := []rune(code)
	cursor = max(0, min(cursor, len(runes)))
	start = cursor
	for start > 0 && isIdent(runes[start-1]) {
		start--
	}
	word := string(runes[start:cursor])
	if start > 0 && runes[start-1] == '.' {
		q := start - 1
		for q > 0 && isIdent(runes[q-1]) {
			q--
		}
		pkg := string(runes[q : start-1])
		for name := range a.pkgs[pkg] {
			if strings.HasPrefix(name, word) {
				matches = append(matches, name)
			}
		}
		sort.Strings(matches)
		return matches, start, cursor, nil
	}
	if word == "" {
		return nil, cursor, cursor, nil
	}
	for _, list := range [][]string{keywords, builtins} {
		for _, k := range list {
			if strings.HasPrefix(k, word) {
				matches = append(matches, k)
			}
		}
	}
	seen := map[string]bool{}
	for _, m := range matches {
		seen[m] = true
	}
	a.mu.Lock()
	for name := range a.user {
		if strings.HasPrefix(name, word) && !seen[name] {
			matches = append(matches, name)
			seen[name] = true
		}
	}
	a.mu.Unlock()
	for name := range a.pkgs {
		if strings.HasPrefix(name, word) && !seen[name] {
			matches = append(matches, name)
		}
	}
	sort.Strings(matches)
	return matches, start, cursor, nil
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// Inspect describes the standard-library name under or before the cursor.
func (a *Assistant) Inspect(code string, cursor, detail int) (map[string]any, bool) {
	runes := []rune(code)
	cursor = max(0, min(cursor, len(runes)))
	end := cursor
	for end < len(runes) && isIdent(runes[end]) {
		end++
	}
	start := cursor
	for start > 0 && (isIdent(runes[start-1]) || runes[start-1] == '.') {
		start--
	}
	expr := strings.Trim(string(runes[start:end]), ".")
	pkg, name, ok := strings.Cut(expr, ".")
	if !ok {
		if p, ok := a.paths[expr]; ok {
			return map[string]any{"text/plain": "package " + expr + ` // import "` + p + `"`}, true
		}
		return nil, false
	}
	v, ok := a.pkgs[pkg][name]
	if !ok {
		return nil, false
	}
	text := describe(a.paths[pkg], pkg, name, v)
	return map[string]any{"text/plain": text}, true
}

func describe(importPath, pkg, name string, v reflect.Value) string {
	full := pkg + "." + name
	header := `import "` + importPath + `"` + "\n\n"
	switch {
	case v.Kind() == reflect.Func:
		sig := strings.TrimPrefix(v.Type().String(), "func")
		return header + "func " + full + sig
	case v.Kind() == reflect.Ptr && v.Type().Elem().Kind() != reflect.Ptr && v.IsNil():
		return header + "type " + full + " " + v.Type().Elem().Kind().String()
	case v.Kind() == reflect.Ptr && !v.IsNil() && v.CanInterface():
		return header + "var " + full + " " + v.Type().Elem().String()
	}
	if v.IsValid() && v.CanInterface() {
		return header + full + " = " + strings.TrimSpace(strings.ReplaceAll(reflect.ValueOf(v.Interface()).String(), "\n", " "))
	}
	return header + full
}
