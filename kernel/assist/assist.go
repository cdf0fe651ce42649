// Package assist answers the requests that read a cell without running it:
// is_complete, complete and inspect. It lives in the kernel process and
// works from the source text and descriptions of packages and values, so
// it answers at once even while a cell runs in the worker.
//
// What it knows, and where from:
//   - the standard library: package pkgdoc (the interpreter's symbol
//     tables; doc comments from GOROOT/src with go/doc);
//   - what the worker hosts beyond it — gokernel/display, the magics —
//     from the worker's ready event (LearnHosted): the kernel process
//     does not load the worker's packages, so until a worker is ready
//     "display." and "%" complete to nothing;
//   - the session's names (Learn) and its variables' fields and methods
//     (LearnTypes), from each cell's EvDone.
//
// Completion (see Complete) never asks the worker, which keeps it fast
// (microseconds; see BenchmarkComplete) and never stuck behind a running
// cell. For inspection the kernel core asks the worker about the session's
// own names first (NameAt), then Inspect documents packages.
//
// It uses go/scanner for is_complete rather than a hand-written bracket
// counter: the scanner knows Go's strings, runes, raw strings and comments.
package assist

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/pkgdoc"
)

// Assistant holds what completion and inspection know about the session;
// the zero value is not usable, use New.
type Assistant struct {
	mu     sync.Mutex
	user   map[string]bool              // names cells defined
	types  map[string]*outcome.TypeInfo // their types, for "x."
	hosted *outcome.Hosted              // from the worker's ready event; never nil
}

// New returns an Assistant that knows the standard library, and nothing
// the worker hosts until LearnHosted.
func New() *Assistant {
	return &Assistant{user: map[string]bool{}, types: map[string]*outcome.TypeInfo{}, hosted: &outcome.Hosted{}}
}

// Learn adds names that cells defined.
func (a *Assistant) Learn(names []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, n := range names {
		a.user[n] = true
	}
}

// LearnTypes records the types of the session's variables (for "x.").
func (a *Assistant) LearnTypes(types map[string]*outcome.TypeInfo) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for n, t := range types {
		a.types[n] = t
	}
}

// LearnHosted records what a worker hosts (its ready event's Hosted),
// replacing what an earlier worker hosted.
func (a *Assistant) LearnHosted(h *outcome.Hosted) {
	if h == nil {
		h = &outcome.Hosted{}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.hosted = h
}

func (a *Assistant) hostedNow() *outcome.Hosted {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.hosted
}

// pkg is the package a name in code means: a hosted one, else a standard
// one; nil if none.
func (a *Assistant) pkg(name string) *outcome.Package {
	h := a.hostedNow()
	for i := range h.Packages {
		if h.Packages[i].Name == name {
			return &h.Packages[i]
		}
	}
	return pkgdoc.Std()[name]
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
//     those of the packages the worker hosts (gokernel/display);
//   - "pkg.Pre": exported names of a standard or hosted package;
//   - "x.Pre" for a variable a cell defined: its fields and methods, from
//     the types the worker reported after the cell (LearnTypes) — the
//     kernel process has no live values, and asking the worker could wait
//     behind a running cell;
//   - "%ti" at the start of a line: the magics the worker runs;
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
			for _, m := range a.hostedNow().Magics {
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
		if p := a.pkg(x); p != nil {
			for _, m := range p.Members {
				if strings.HasPrefix(m.Name, word) {
					items = append(items, memberItem(m))
				}
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
	for _, p := range a.hostedNow().Packages {
		add(item{p.Name, "module", ""})
	}
	for name := range pkgdoc.Std() {
		add(item{name, "module", ""})
	}
	return finish(items, start, cursor)
}

// memberItem is the completion of a package member, typed as ipykernel
// types them: functions, classes (types) and instances.
func memberItem(m outcome.Member) item {
	switch m.Kind {
	case "func":
		return item{m.Name, "function", m.Signature}
	case "type":
		return item{m.Name, "class", ""}
	}
	return item{m.Name, "instance", m.Signature}
}

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

// importPaths lists every path an import may name: the standard
// library's and the hosted packages'.
func (a *Assistant) importPaths() []string {
	paths := slices.Clip(pkgdoc.StdPaths()) // shared: appending must copy
	for _, p := range a.hostedNow().Packages {
		paths = append(paths, p.Path)
	}
	return paths
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

// NameAt is the session name to ask the worker about for an inspection
// at cursor: the identifier there, or the x of "x.Field" for a variable;
// "" for a package and its names, which Inspect documents.
func (a *Assistant) NameAt(code string, cursor int) string {
	expr := exprAt(code, cursor)
	first, _, _ := strings.Cut(expr, ".")
	isPkg := a.pkg(first) != nil
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case a.types[first] != nil: // a variable, or x of "x.Field"
		return first
	case strings.Contains(expr, ".") || isPkg: // pkg.Name: its docs know better
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

// openParen is the rune offset of the innermost call parenthesis still open
// at cursor, on the cursor's line or before it; -1 when there is none. Brackets
// inside string and rune literals are skipped.
func openParen(code string, cursor int) int {
	runes := []rune(code)
	cursor = max(0, min(cursor, len(runes)))
	var stack []int
	var quote rune
	for i := 0; i < cursor; i++ {
		r := runes[i]
		switch {
		case quote != 0:
			if r == '\\' && quote != '`' {
				i++
			} else if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == '(':
			stack = append(stack, i)
		case r == ')' && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return -1
	}
	return stack[len(stack)-1]
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// Inspect documents the package or package member under or before the
// cursor (pkgdoc.Doc: a hosted package from its members, a standard one
// from its sources); detail 0 keeps the declaration and first paragraph.
//
// Inside a call's parentheses with no name at the cursor (`fmt.Println(|"x")`,
// where a student presses Shift-Tab), it documents the function called, as
// IPython does.
func (a *Assistant) Inspect(code string, cursor, detail int) (map[string]any, bool) {
	hosted := a.hostedNow().Packages
	text, ok := pkgdoc.Doc(exprAt(code, cursor), hosted)
	if !ok {
		if open := openParen(code, cursor); open >= 0 {
			text, ok = pkgdoc.Doc(exprAt(code, open), hosted)
		}
	}
	if !ok {
		return nil, false
	}
	if detail == 0 {
		text = shorten(text)
	}
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
