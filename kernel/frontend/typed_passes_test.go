package frontend

import (
	"bytes"
	"go/printer"
	"strings"
	"testing"
)

// TestTypedPasses shows the rewrites that need the type checker, with a
// session whose earlier cells are the setup cells.
func TestTypedPasses(t *testing.T) {
	setup := []string{
		"import (\"cmp\"; \"fmt\"; \"slices\")",
		"func seq(yield func(int) bool) { _ = yield(1) && yield(2) }\nfunc seq2(yield func(string, int) bool) {}",
		"func Map[T, U any](s []T, f func(T) U) []U { return nil }\nfunc Count[T any](xs ...T) int { return len(xs) }",
		"func three() int { return 3 }",
	}
	cases := []struct{ name, src, want string }{
		{"range over func", "for x := range seq { fmt.Println(x) }",
			"stmt { _gk_s1 := 1; seq(func(x int) bool { if _gk_s1 != 1 { _gkrt.RangeError(_gk_s1) }; _gk_s1 = 2; fmt.Println(x); _gk_s1 = 1; return true }); if _gk_s1 == 2 { _gkrt.RangeError(4) }; _gk_s1 = 3 }"},
		{"break and continue", "for k, v := range seq2 { if v > 1 { break }; if k == \"\" { continue }; fmt.Println(k) }",
			"stmt { _gk_s1 := 1; seq2(func(k string, v int) bool { if _gk_s1 != 1 { _gkrt.RangeError(_gk_s1) }; _gk_s1 = 2; if v > 1 { { _gk_s1 = 0; return false } }; if k == \"\" { { _gk_s1 = 1; return true } }; fmt.Println(k); _gk_s1 = 1; return true }); if _gk_s1 == 2 { _gkrt.RangeError(4) }; _gk_s1 = 3 }"},
		{"return from the body", "func first() (int, bool) { for x := range seq { return x, true }; return 0, false }",
			"decl func first() (int, bool) { { var _gk_next1 int; var _gk_r1_0 int; var _gk_r1_1 bool; _gk_s1 := 1; seq(func(x int) bool { if _gk_s1 != 1 { _gkrt.RangeError(_gk_s1) }; _gk_s1 = 2; { _gk_r1_0 = x; _gk_r1_1 = true; _gk_next1 = -1; _gk_s1 = 0; return false }; _gk_s1 = 1; return true }); if _gk_s1 == 2 { _gkrt.RangeError(4) }; _gk_s1 = 3; if _gk_next1 == -1 { return _gk_r1_0, _gk_r1_1 } }; return 0, false }"},
		{"labelled continue out", "outer:\nfor i := 0; i < 2; i++ { for range seq { continue outer } }",
			"stmt outer:; for i := 0; i < 2; i++ { { var _gk_next1 int; _gk_s1 := 1; seq(func(_ int) bool { if _gk_s1 != 1 { _gkrt.RangeError(_gk_s1) }; _gk_s1 = 2; { _gk_next1 = 1; _gk_s1 = 0; return false }; _gk_s1 = 1; return true }); if _gk_s1 == 2 { _gkrt.RangeError(4) }; _gk_s1 = 3; if _gk_next1 == 1 { continue outer } } }"},
		{"defer in the body", "func f() { for x := range seq { defer fmt.Println(x) } }",
			"decl func f() { var _gk_d1 []func(); defer _gkrt.RunDefers(&_gk_d1); { _gk_s1 := 1; seq(func(x int) bool { if _gk_s1 != 1 { _gkrt.RangeError(_gk_s1) }; _gk_s1 = 2; { _gk_a2 := x; _gk_d1 = append(_gk_d1, func() { fmt.Println(_gk_a2) }) }; _gk_s1 = 1; return true }); if _gk_s1 == 2 { _gkrt.RangeError(4) }; _gk_s1 = 3 } }"},
		{"range over a slice untouched", "for x := range []int{1} { fmt.Println(x) }", "stmt for x := range []int{1} { fmt.Println(x) }"},
		{"inferred type arguments", "Map([]int{1}, func(i int) string { return \"\" })",
			"show Map[int, string]([]int{1}, func(i int) string { return \"\" })"},
		{"variadic type parameter", "Count(3, 9, 2)", "show Count[int](int(3), int(9), int(2))"},
		{"untyped constants", "cmp.Compare(1.5, 2.5)", "show cmp.Compare[float64](float64(1.5), float64(2.5))"},
		{"the standard library's inference kept for type parameters", "func sortAll[T cmp.Ordered](xs []T) { slices.Sort(xs) }",
			"decl func sortAll[T cmp.Ordered](xs []T)\t{ slices.Sort(xs) }"},
		{"range over an integer the syntax cannot tell", "for i := range three() { fmt.Println(i) }",
			"stmt { _gk_n1 := three(); for _gk_i2 := _gk_n1 - _gk_n1; _gk_i2 < _gk_n1; _gk_i2++ { i := _gk_i2; fmt.Println(i) } }"},
		{"a type name shadowed in the cell is not written", "func g() { int := 0; _ = int }\nCount(1, 2)",
			"decl func g()\t{ int := 0; _ = int } | show Count(1, 2)"},
		{"explicit type arguments kept", "Count[int8](1)", "show Count[int8](int8(1))"},
		{"a generic struct literal in a generic function, field by field",
			"type P[K comparable, V any] struct{ K K; V V }\nfunc mk[K comparable, V any](k K, v V) P[K, V] { return P[K, V]{k, v} }",
			"decl type P[K comparable, V any] struct { K\tK; V\tV } | decl func mk[K comparable, V any](k K, v V) P[K, V] { return func() P[K, V] { var _gk_lit1 P[K, V]; _gk_lit1.K = k; _gk_lit1.V = v; return _gk_lit1 }() }"},
		{"a pointer to one, keyed",
			"type E[T any] struct{ next *E[T]; val T }\nfunc one[T any](v T) *E[T] { return &E[T]{val: v} }",
			"decl type E[T any] struct { next\t*E[T]; val\tT } | decl func one[T any](v T) *E[T] { return func() *E[T] { var _gk_lit1 E[T]; _gk_lit1.val = v; return &_gk_lit1 }() }"},
		{"a literal outside generic functions untouched",
			"type B[T any] struct{ v T }\nb := B[int]{1}\n_ = b",
			"decl type B[T any] struct{ v T } | stmt var b = B[int]{1} | stmt _ = b"},
		{"a generic function as a value", "f := Count[int8]\n_ = f",
			// (every node at one position: the printer breaks the line after "...,")
			"stmt var f = func(_gk_a1 ...int8) int { return Count[int8](_gk_a1...,; ) } | stmt _ = f"},
		{"a generic alias instance written as its type", "type Set[T comparable] = map[T]struct{}\ns := Set[string]{}\nvar n Set[int]\n_, _ = s, n",
			"decl type Set[T comparable] = map[T]struct{} | stmt var s = map[string]struct{}{} | stmt var n map[int]struct{} | stmt _, _ = s, n"},
		{"constant min and max folded", "const lo, hi, s = min(4, 9), max(1, 2.5) * 2, min(\"b\", \"a\")",
			"decl const lo, hi, s = 4, 2.5 * 2, \"a\""},
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
		for _, p := range passes {
			if p.Name == "generics" || p.Name == "rangefunc" || p.Name == "rangeint" || p.Name == "builtins" {
				if err := p.Run(c, Env{}); err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
			}
		}
		if got := flat(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// flat is describe with statements separated by "; ".
func flat(c *Cell) string {
	var parts []string
	one := func(kind string, n any) {
		var b bytes.Buffer
		(&printer.Config{Tabwidth: 8}).Fprint(&b, c.Fset, n)
		var lines []string
		for _, l := range strings.Split(b.String(), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		text := strings.Join(lines, "; ")
		text = strings.ReplaceAll(text, "{; ", "{ ")
		text = strings.ReplaceAll(text, "; }", " }")
		parts = append(parts, kind+" "+text)
	}
	for _, d := range c.Decls {
		one("decl", d)
	}
	for _, n := range c.Body {
		one("stmt", n)
	}
	if c.Show != nil {
		one("show", c.Show)
	}
	return strings.Join(parts, " | ")
}
