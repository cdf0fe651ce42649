package frontend

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIfacesPass shows the interfaces pass's rewrites (pass_ifaces.go), with
// a session whose earlier cells declare the types.
func TestIfacesPass(t *testing.T) {
	setup := []string{
		"import (\"errors\"; \"fmt\")",
		"type Shape interface{ Area() float64 }\ntype Sq float64\nfunc (s Sq) Area() float64 { return float64(s * s) }",
		"type NF struct{ K string }\nfunc (e *NF) Error() string { return e.K }\ntype M map[string]int\nfunc (m M) Area() float64 { return 0 }",
		"func use(s Shape, n int) {}\nfunc anyOf(v any) {}",
	}
	cases := []struct{ name, src, want string }{
		{"case error with a binding", "func f(v any) string { switch x := v.(type) { case error: return x.Error(); case int: return \"int\" }; return \"\" }",
			"decl func f(v any) string { { _gk_v1 := v; var _gk_c2 int; var _gk_x4 error; var _gk_x7 int; switch _gk_v1.(type) { case Sq:; _gk_c2 = -1 }; if _gk_c2 == 0 { switch _gk_t3 := _gk_v1.(type) { case *NF:; _gk_x4 = _gk_t3; _gk_c2 = 1; case int:; _gk_x7 = _gk_t3; _gk_c2 = 2; case M, *M, *Sq:; default:; if _gk_y5, _gk_ok6 := _gk_v1.(error); _gk_ok6 && _gk_c2 == 0 { _gk_x4 = _gk_y5; _gk_c2 = 1; _ = _gk_y5 }; case nil:; _ = _gk_t3 } }; switch _gk_c2 { case 1:; x := _gk_x4; _ = x; return x.Error(); case 2:; x := _gk_x7; _ = x; return \"int\" } }; return \"\" }"},
		{"no binding, several types, a user interface", "func g(v any) { switch v.(type) { case nil, Shape: fmt.Println(1); default: fmt.Println(2) } }",
			"decl func g(v any) { { _gk_v1 := v; var _gk_c2 int; switch _gk_v1.(type) { case Sq:; _gk_c2 = 1 }; if _gk_c2 == 0 { switch _gk_v1.(type) { case nil:; _gk_c2 = 1; case M:; _gk_c2 = 1; case *M:; _gk_c2 = 1; case *Sq:; _gk_c2 = 1; case *NF:; default:; if _gk_y3, _gk_ok4 := _gk_v1.(Shape); _gk_ok4 && _gk_c2 == 0 { _gk_c2 = 1; _ = _gk_y3 } } }; switch _gk_c2 { case 1:; fmt.Println(1); default:; fmt.Println(2) } } }"},
		{"a concrete case after an interface it implements is dropped", "func h(v any) { switch v.(type) { case Shape: fmt.Println(1); case Sq: fmt.Println(2) } }",
			"decl func h(v any) { { _gk_v1 := v; var _gk_c2 int; switch _gk_v1.(type) { case Sq:; _gk_c2 = 1 }; if _gk_c2 == 0 { switch _gk_v1.(type) { case M:; _gk_c2 = 1; case *M:; _gk_c2 = 1; case *Sq:; _gk_c2 = 1; case *NF:; default:; if _gk_y3, _gk_ok4 := _gk_v1.(Shape); _gk_ok4 && _gk_c2 == 0 { _gk_c2 = 1; _ = _gk_y3 } } }; switch _gk_c2 { case 1:; fmt.Println(1); case 2:; fmt.Println(2) } } }"},
		{"concrete cases only: untouched", "func k(v any) { switch x := v.(type) { case Sq: fmt.Println(x) } }",
			"decl func k(v any) { switch x := v.(type) { case Sq:; fmt.Println(x) } }"},
		{"a switch on a compiled interface: comma-ok assertions", "func w(err error) string { switch e := err.(type) { case nil: return \"\"; case *NF: return e.K }; return \"x\" }",
			"decl func w(err error) string { { _gk_v1 := err; var _gk_c2 int; var _gk_x3 *NF; if _gk_c2 == 0 && _gk_v1 == nil { _gk_c2 = 1 }; if _gk_v1 != nil { if _gk_c2 == 0 { if _gk_y4, _gk_ok5 := _gk_v1.(*NF); _gk_ok5 { _gk_x3 = _gk_y4; _gk_c2 = 2; _ = _gk_y4 } } }; switch _gk_c2 { case 1:; e := _gk_v1; _ = e; return \"\"; case 2:; e := _gk_x3; _ = e; return e.K } }; return \"x\" }"},
		{"assertion to a user interface", "func a(v any) bool { _, ok := v.(Shape); return ok }",
			"decl func a(v any) bool { _, ok := func() (Shape, bool) { _gk_x1 := v; switch _gk_x1.(type) { case Sq:; return _gk_x1.(Sq), true }; switch _gk_t2 := _gk_x1.(type) { case M:; return _gk_t2, true; case *M:; return _gk_t2, true; case *Sq:; return _gk_t2, true; case nil:; _ = _gk_t2 }; return nil, false }(); return ok }"},
		{"assertion to a compiled interface no session type implements: untouched", "func b(v any) bool { _, ok := v.(fmt.Stringer); return ok }",
			"decl func b(v any) bool\t{ _, ok := v.(fmt.Stringer); return ok }"},
		{"a composite literal stored in an interface", "var s Shape = M{\"a\": 1}\ns = M{}",
			"decl var s Shape = (M{\"a\": 1}) | stmt s = (M{})"},
		{"a value with methods handed to any (not a basic one)", "anyOf(M{\"a\": 1})\nanyOf(Sq(2))\nfmt.Println(M{})",
			"stmt anyOf(any(M{\"a\": 1})) | stmt anyOf(Sq(2)) | stmt fmt.Println(M{})"},
		{"a go statement handing a user interface", "func run(m M) { go use(m, 1) }",
			"decl func run(m M)\t{ func() { _gk_a1 := m; go func() { use(_gk_a1, 1) }() }() }"},
		{"top-level comma-ok forms", "ch := make(chan int, 1)\nv, ok := <-ch\nvar e any = errors.New(\"x\")\nerr, ok2 := e.(error)",
			"stmt var ch = make(chan int, 1) | stmt var v, ok = func() (int, bool) { _gk_a5, _gk_ok6 := <-ch; return _gk_a5, _gk_ok6 }() | stmt var e any = errors.New(\"x\") | stmt var err, ok2 = func() (error, bool) { _gk_x1 := e; switch _gk_t2 := _gk_x1.(type) { case *NF:; return _gk_t2, true; case nil:; _ = _gk_t2 }; _gk_y3, _gk_ok4 := _gk_x1.(error); return _gk_y3, _gk_ok4 }()"},
	}
	for _, tc := range cases {
		s := NewSession(testPackages())
		runSession(t, s, setup...)
		c, err := Parse(tc.src)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		s.checkCell(c)
		if c.types == nil {
			t.Errorf("%s: check failed: %v", tc.name, c.checkErrs)
			continue
		}
		if err := passIfaces(c, Env{}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := flat(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// BenchmarkIfacesLessons is the interfaces pass's own cost on the lessons'
// cells (most name no interface: the trivial path), after the check.
//
//	go test ./kernel/frontend -run '^$' -bench IfacesLessons
func BenchmarkIfacesLessons(b *testing.B) {
	files, _ := filepath.Glob("../../lessons/*.md")
	var cells []*Cell
	for _, f := range files {
		src, _ := os.ReadFile(f)
		s := NewSession(testPackages())
		var codes []string
		for _, block := range strings.Split(string(src), "```go")[1:] {
			_, body, _ := strings.Cut(block, "\n")
			body, _, _ = strings.Cut(body, "```")
			var lines []string
			for _, line := range strings.Split(body, "\n") {
				if !strings.HasPrefix(line, "%") && !strings.HasPrefix(line, "!") {
					lines = append(lines, line)
				}
			}
			codes = append(codes, strings.Join(lines, "\n"))
		}
		runSession(b, s, codes...)
		for _, code := range codes {
			if c, err := Parse(code); err == nil {
				s.checkCell(c)
				if c.types != nil {
					cells = append(cells, c)
				}
			}
		}
	}
	if len(cells) == 0 {
		b.Skip("no lesson cells")
	}
	b.ResetTimer()
	for range b.N {
		for _, c := range cells {
			// a cell the pass changes is changed in the first round only
			// (the code it writes has no types); the lessons' cells are
			// nearly all unchanged, so every round is the walk they cost
			_ = passIfaces(c, Env{})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cells))/1e3, "µs/cell")
}
