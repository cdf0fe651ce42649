// Package assist answers the requests that read a cell without running it:
// is_complete, complete and inspect. It works from the source text and the
// interpreter's symbol tables (yaegi's stdlib.Symbols), so it answers at once
// even while a cell runs in the worker.
//
// Completion (see Complete) needs no worker: user variables' fields and
// methods come from the type descriptions the worker sends with each
// EvDone (LearnTypes), which keeps completion fast (microseconds; see
// BenchmarkComplete) and never stuck behind a running cell. Inspection of
// standard-library names reads the doc comments from GOROOT/src with
// go/doc (doc.go); the kernel core asks the worker about the session's own
// names first.
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

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/traefik/yaegi/stdlib"
)

// Assistant holds the symbol index; the zero value is not usable, use New.
type Assistant struct {
	mu    sync.Mutex
	user  map[string]bool              // names cells defined
	types map[string]*outcome.TypeInfo // their types, for "x."

	pathsOnce sync.Once
	allPaths  []string

	pkgs map[string]map[string]reflect.Value // package name -> exported symbols
	// paths maps a package name to its import path, e.g. "rand" -> "math/rand".
	paths map[string]string
}

// New indexes the standard library symbols the interpreter offers.
func New() *Assistant {
	a := &Assistant{pkgs: map[string]map[string]reflect.Value{}, paths: map[string]string{}, user: map[string]bool{},
		types: map[string]*outcome.TypeInfo{}}
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
	a.paths["display"] = display.Path
	a.pkgs["display"] = display.New(nil).Symbols()[display.Path+"/display"]
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

// item is one completion with its type for _jupyter_types_experimental.
type item struct{ text, typ, sig string }

// Complete returns what can replace the text before cursor (a rune offset):
//   - inside the quotes of an import: standard-library import paths and
//     gokernel/display;
//   - "pkg.Pre": exported names of a standard package (or of
//     gokernel/display);
//   - "x.Pre" for a variable a cell defined: its fields and methods, from
//     the types the worker reported after the cell (LearnTypes) — the
//     kernel process has no live values, and asking the worker could wait
//     behind a running cell;
//   - "%ti" at the start of a line: magics;
//   - a bare word: keywords, builtins, the session's names, package names.
//
// metadata carries ipykernel's _jupyter_types_experimental list.
func (a *Assistant) Complete(code string, cursor int) (matches []string, start, end int, md map[string]any) {
	runes := []rune(code)
	cursor = max(0, min(cursor, len(runes)))
	var items []item
	start = cursor
	if s, ok := importPathAt(runes, cursor); ok {
		start = s
		prefix := string(runes[s:cursor])
		for _, p := range a.importPaths() {
			if strings.HasPrefix(p, prefix) {
				items = append(items, item{p, "module", ""})
			}
		}
		return finish(items, start, cursor)
	}
	for start > 0 && isIdent(runes[start-1]) {
		start--
	}
	word := string(runes[start:cursor])
	if start > 0 && runes[start-1] == '%' {
		s := start - 1
		if s > 0 && runes[s-1] == '%' {
			s--
		}
		lineStart := s == 0 || runes[s-1] == '\n' || strings.TrimSpace(string(runes[lastNL(runes, s):s])) == ""
		if lineStart {
			prefix := string(runes[s:cursor])
			for _, m := range magicNames {
				if strings.HasPrefix(m, prefix) {
					items = append(items, item{m, "magic", ""})
				}
			}
			return finish(items, s, cursor)
		}
	}
	if start > 0 && runes[start-1] == '.' {
		q := start - 1
		for q > 0 && isIdent(runes[q-1]) {
			q--
		}
		x := string(runes[q : start-1])
		a.mu.Lock()
		t := a.types[x]
		a.mu.Unlock()
		if t != nil {
			for _, m := range t.Members {
				if strings.HasPrefix(m.Name, word) {
					typ := "instance"
					if m.Kind == "method" {
						typ = "function"
					}
					items = append(items, item{m.Name, typ, m.Signature})
				}
			}
			return finish(items, start, cursor)
		}
		for name, v := range a.pkgs[x] {
			if strings.HasPrefix(name, word) {
				items = append(items, item{name, symbolType(v), symbolSig(v)})
			}
		}
		return finish(items, start, cursor)
	}
	if word == "" {
		return finish(nil, cursor, cursor)
	}
	seen := map[string]bool{}
	add := func(it item) {
		if strings.HasPrefix(it.text, word) && !seen[it.text] {
			seen[it.text] = true
			items = append(items, it)
		}
	}
	for _, k := range keywords {
		add(item{k, "keyword", ""})
	}
	for _, k := range builtins {
		add(item{k, "builtin", ""})
	}
	a.mu.Lock()
	for name := range a.user {
		typ := "instance"
		if a.types[name] != nil {
			add(item{name, typ, a.types[name].Type})
			continue
		}
		add(item{name, typ, ""})
	}
	a.mu.Unlock()
	for name := range a.pkgs {
		add(item{name, "module", ""})
	}
	return finish(items, start, cursor)
}

// magicNames are what "%" completes to (package magic's list; kept here so
// the kernel process does not load the worker's packages).
var magicNames = []string{"%env", "%gomaxprocs", "%goroutines", "%help", "%reset", "%time", "%%time", "%timeit", "%%timeit", "%who", "%%writefile"}

func lastNL(r []rune, i int) int {
	for i > 0 && r[i-1] != '\n' {
		i--
	}
	return i
}

func finish(items []item, start, end int) ([]string, int, int, map[string]any) {
	sort.Slice(items, func(i, j int) bool { return items[i].text < items[j].text })
	matches := make([]string, len(items))
	types := make([]map[string]any, len(items))
	for i, it := range items {
		matches[i] = it.text
		types[i] = map[string]any{"start": start, "end": end, "text": it.text, "type": it.typ, "signature": it.sig}
	}
	return matches, start, end, map[string]any{"_jupyter_types_experimental": types}
}

func symbolType(v reflect.Value) string {
	switch {
	case v.Kind() == reflect.Func:
		return "function"
	case v.Kind() == reflect.Ptr && v.IsNil():
		return "class"
	}
	return "instance"
}

func symbolSig(v reflect.Value) string {
	if v.Kind() == reflect.Func {
		return v.Type().String()
	}
	return ""
}

// importPaths lists every path an import may name, sorted.
func (a *Assistant) importPaths() []string {
	a.pathsOnce.Do(func() {
		seen := map[string]bool{}
		for key := range stdlib.Symbols {
			p := path.Dir(key)
			if !seen[p] && !strings.Contains(p, "internal") {
				seen[p] = true
				a.allPaths = append(a.allPaths, p)
			}
		}
		a.allPaths = append(a.allPaths, display.Path)
		sort.Strings(a.allPaths)
	})
	return a.allPaths
}

// importPathAt reports whether cursor is inside the quotes of an import
// spec, and where the path text starts.
func importPathAt(r []rune, cursor int) (int, bool) {
	q := cursor - 1
	for q >= 0 && r[q] != '"' && r[q] != '\n' && r[q] != '`' {
		q--
	}
	if q < 0 || r[q] != '"' {
		return 0, false
	}
	before := strings.TrimSpace(string(r[lastNL(r, q):q]))
	// `import "`, `import name "`, or a line of an `import (` block
	f := strings.Fields(before)
	switch {
	case len(f) >= 1 && f[0] == "import":
		return q + 1, len(f) <= 2 && strings.Count(string(r[lastNL(r, q):q]), `"`) == 0
	case len(f) <= 1:
		text := string(r[:lastNL(r, q)])
		i := strings.LastIndex(text, "import (")
		if i < 0 {
			i = strings.LastIndex(text, "import(")
		}
		return q + 1, i >= 0 && !strings.Contains(text[i:], ")")
	}
	return 0, false
}

// LearnTypes records the types of the session's variables (for "x.").
func (a *Assistant) LearnTypes(types map[string]*outcome.TypeInfo) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for n, t := range types {
		a.types[n] = t
	}
}

// NameAt is the session name to ask the worker about for an inspection
// at cursor: the identifier there, or the x of "x.Field" for a variable;
// "" for a standard package and its names, which the docs describe.
func (a *Assistant) NameAt(code string, cursor int) string {
	expr := exprAt(code, cursor)
	first, _, _ := strings.Cut(expr, ".")
	a.mu.Lock()
	defer a.mu.Unlock()
	_, isPkg := a.paths[first]
	switch {
	case a.types[first] != nil: // a variable, or x of "x.Field"
		return first
	case strings.Contains(expr, ".") || isPkg: // pkg.Name: go/doc knows better
		return ""
	case a.user[first]:
		return first
	}
	return ""
}

// exprAt is the dotted name under or just before cursor (a rune offset):
// "fmt.Println" for a cursor anywhere in "fmt.Println(1)" up to the paren.
func exprAt(code string, cursor int) string {
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
	return strings.Trim(string(runes[start:end]), ".")
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// Inspect describes the standard-library name under or before the cursor.
func (a *Assistant) Inspect(code string, cursor, detail int) (map[string]any, bool) {
	expr := exprAt(code, cursor)
	if text, ok := a.docText(expr); ok {
		if detail == 0 {
			text = shorten(text)
		}
		return map[string]any{"text/plain": text}, true
	}
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

// shorten keeps the declaration and the first paragraph of a doc text
// (detail_level 0, what shift-tab shows first).
func shorten(text string) string {
	parts := strings.SplitN(text, "\n\n", 4)
	if len(parts) <= 3 {
		return text
	}
	return strings.Join(parts[:3], "\n\n") + "\n\n…"
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

// Doc documents a standard-library name ("fmt.Println", "strings") for
// "name?" cells; see doc.go.
func Doc(name string) (string, bool) { return docText(name, 1) }
