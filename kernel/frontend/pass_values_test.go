package frontend

import (
	"go/ast"
	"strings"
	"testing"
)

// rewriteSession runs cells through Rewrite with one Session, as the
// engine does (every name a cell declares counts as defined, and is
// committed), and returns each rewritten cell as source.
func rewriteSession(t *testing.T, cells ...string) ([]string, *Session) {
	t.Helper()
	ts := NewSession(testPackages())
	defined := map[string]bool{}
	var out []string
	for _, code := range cells {
		c, err := Parse(code)
		if err != nil {
			t.Fatal(err)
		}
		if err := Rewrite(c, Env{Types: ts, Defined: func(n string) bool { return defined[n] }}); err != nil {
			t.Fatal(err)
		}
		for n := range c.topNames() {
			defined[strings.Split(n, ".")[0]] = true
		}
		ts.CommitImports(c)
		ts.CommitDecls(c)
		ts.CommitVars(c, varNamesOf(c)...)
		var stmts []ast.Stmt
		for _, n := range c.Body {
			if s, ok := n.(ast.Stmt); ok {
				stmts = append(stmts, s)
			} else {
				stmts = append(stmts, &ast.DeclStmt{Decl: n.(*ast.GenDecl)})
			}
		}
		src := c.PrintDecls() + c.PrintFunc("body", stmts)
		out = append(out, strings.Join(strings.Fields(src), " "))
	}
	return out, ts
}

func TestValuesPass(t *testing.T) {
	decl := "import (\"fmt\"; \"encoding/json\")\ntype P struct{ X int }\nfunc (p P) String() string { return \"p\" }\ntype S interface{ M() }\n"
	gen := "import \"fmt\"\ntype G[T any] struct{ v T }\nfunc (g G[T]) String() string { return \"g\" }\n"
	cases := []struct {
		name  string
		cells []string
		has   []string // in the last cell's rewrite
		lacks []string
	}{
		{"plain arguments stay with fmt", []string{decl, "fmt.Println(1, \"a\", 2.5)"},
			[]string{`fmt.Println(1, "a", 2.5)`}, []string{"_gkrt.Fmt"}},
		{"a cell's type goes to the printer", []string{decl, "p := P{1}\nfmt.Printf(\"%v\", p)"},
			[]string{`_gkrt.FmtPrintf(`, `"%v", p)`}, []string{"fmt.Printf"}},
		{"an interface goes to the printer", []string{decl, "var e error\nfmt.Println(e)"},
			[]string{`_gkrt.FmtPrintln(`}, nil},
		{"f() as the arguments", []string{decl, "func two() (P, error) { return P{}, nil }\nfmt.Println(two())"},
			[]string{`_gkrt.FmtPrintln(`, `_gkrt.Tuple(two())...)`}, nil},
		{"a cell's interface travels boxed", []string{decl, "var s S\nfmt.Println(s)"},
			[]string{`[]S{s})`}, nil},
		{"a print function as a value", []string{decl, "f := fmt.Sprint\n_ = f"},
			[]string{`_gkrt.Fmt.Sprint`}, nil},
		{"types and methods are registered", []string{decl},
			[]string{`_gkrt.RegisterType("P", *new(P))`, `_gkrt.RegisterMethod("P", "String", false,`, `return v.(P).String()`},
			[]string{`RegisterType("S"`}},
		{"a method in a later cell registers again", []string{decl, "type Q struct{}\n", "func (q *Q) Error() string { return \"\" }"},
			[]string{`_gkrt.RegisterMethod("Q", "Error", true,`}, []string{`RegisterType("Q"`}},
		{"json of a cell's type", []string{decl, "b, _ := json.Marshal(P{})\n_ = b"},
			[]string{`_gkrt.JSONMarshal(`}, nil},
		{"json of plain values stays", []string{decl, "b, _ := json.Marshal(map[string]int{})\n_ = b"},
			[]string{`json.Marshal(map[string]int{})`}, []string{"JSONMarshal"}},
		{"no types: top-level prints are left alone", []string{"import \"fmt\"\nvar e error\nfmt.Println(e)"},
			[]string{`fmt.Println(e)`}, []string{"_gkrt.Fmt"}},
		{"no types: prints in a func may see later types", []string{"import \"fmt\"\nfunc show(v any) { fmt.Println(v) }"},
			[]string{`_gkrt.FmtPrintln(`}, nil},
		{"an instance of a generic type with String registers its method", []string{gen, "fmt.Println([]G[int]{{1}})"},
			[]string{`_gkrt.RegisterMethod("G[int]", "String", false,`, `return v.(G[int]).String()`, `_gkrt.FmtPrintln(`}, []string{BoundName}},
		{"an instance with a type parameter goes to yaegi's fmt", []string{gen, "func show[T any](g G[T]) { fmt.Println(g) }"},
			[]string{BoundName + "(g)"}, []string{`RegisterMethod("G[`}},
		{"a user's own fmt is not fmt", []string{"type P struct{}\ntype fmtT struct{}\nfunc (fmtT) Println(a ...any) {}\nvar fmt fmtT\nfmt.Println(P{})"},
			[]string{`fmt.Println(P{})`}, []string{"FmtPrintln"}},
	}
	for _, c := range cases {
		out, _ := rewriteSession(t, c.cells...)
		last := out[len(out)-1]
		for _, h := range c.has {
			if !strings.Contains(last, h) {
				t.Errorf("%s: the rewrite lacks %s:\n%s", c.name, h, last)
			}
		}
		for _, l := range c.lacks {
			if strings.Contains(last, l) {
				t.Errorf("%s: the rewrite has %s:\n%s", c.name, l, last)
			}
		}
	}
}

// TestValuesSites: a site carries each argument's static type.
func TestValuesSites(t *testing.T) {
	_, ts := rewriteSession(t, "import \"fmt\"\ntype C float64\nc := C(1)\nfmt.Printf(\"%T %v\", c, []C{c})")
	s, ok := ts.Site(0)
	if !ok || len(s.Args) != 2 || s.Args[0].String() != "main.C" || s.Args[1].String() != "[]main.C" {
		t.Errorf("site 0: %v %v", s, ok)
	}
	if typ, src := ts.Var("c"); typ == nil || src != "C" {
		t.Errorf("Var(c) = %v, %q", typ, src)
	}
}
