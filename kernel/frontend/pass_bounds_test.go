package frontend

import (
	"strings"
	"testing"
)

// TestBoundsPass shows the bounds pass's rewrites: which index and slice
// expressions get a check, in what form, and which are left alone.
func TestBoundsPass(t *testing.T) {
	setup := []string{
		"import \"fmt\"",
		"func get() []int { return nil }\nvar m = map[int][]int{}\ntype Stack[T any] []T",
	}
	cases := []struct{ name, src, want string }{
		{"slice index", "s := []int{1}\ni := 0\n_ = s[i]",
			"stmt var s = []int{1} | stmt var i = 0 | stmt _ = s[_gkrt.Index(i, len(s), 3)]"},
		{"constant index of a slice", "func f(s []int) int { return s[2] }",
			"decl func f(s []int) int { return s[_gkrt.IndexU(2, len(s), 1)] }"},
		{"unsigned index", "func f(s []int, u uint8) int { return s[u] }",
			"decl func f(s []int, u uint8) int { return s[_gkrt.IndexU(int(u), len(s), 1)] }"},
		{"signed index of another type", "func f(s string, i int32) byte { return s[i] }",
			"decl func f(s string, i int32) byte { return s[_gkrt.Index(int(i), len(s), 1)] }"},
		{"assignable", "func f(s []int, i int) { s[i] = 1; s[i]++; p := &s[i]; _ = p }",
			"decl func f(s []int, i int) { s[_gkrt.Index(i, len(s), 1)] = 1; s[_gkrt.Index(i, len(s), 1)]++; p := &s[_gkrt.Index(i, len(s), 1)]; _ = p }"},
		{"nested: the operand in len is as written", "func f(g [][][]int, i, j, k int) int { return g[i][j][k] }",
			"decl func f(g [][][]int, i, j, k int) int { return g[_gkrt.Index(i, len(g), 1)][_gkrt.Index(j, len(g[i]), 1)][_gkrt.Index(k, len(g[i][j]), 1)] }"},
		{"array and pointer to array", "func f(a [3]int, p *[3]int, i int) int { return a[i] + p[i] + a[2] + p[0] }",
			"decl func f(a [3]int, p *[3]int, i int) int { return a[_gkrt.Index(i, 3, 1)] + p[_gkrt.Index(i, 3, 1)] + a[2] + p[0] }"},
		{"maps and instantiations untouched", "func f(k int) []int { var s Stack[int]; _ = s; return m[k] }",
			"decl func f(k int) []int { var s Stack[int]; _ = s; return m[k] }"},
		{"slice of a map's value", "func f(k, i int) int { return m[k][i] }",
			"decl func f(k, i int) int { return m[k][_gkrt.Index(i, len(m[k]), 1)] }"},
		{"an operand with a call is left alone", "func f(i int) int { return get()[i] }",
			"decl func f(i int) int { return get()[i] }"},
		{"an index with a call is checked in place", "func f(s []int) int { return s[len(get())] + s[int(fmt.Sprint(1)[0])] }",
			"decl func f(s []int) int { return s[_gkrt.Index(len(get()), len(s), 1)] + s[_gkrt.Index(int(fmt.Sprint(1)[0]), len(s), 1)] }"},
		{"slices", "func f(s []int, lo, hi int) { _ = s[lo:hi]; _ = s[lo:]; _ = s[:hi]; _ = s[:] }",
			"decl func f(s []int, lo, hi int) { _ = s[lo:_gkrt.Slice(lo, hi, cap(s), 0, 1)]; _ = s[_gkrt.Slice(lo, len(s), cap(s), 16, 1):]; _ = s[:_gkrt.Slice(0, hi, cap(s), 0, 1)]; _ = s[:] }"},
		{"string and array slices check the length", "func f(s string, a *[4]int, i int) { _ = s[i:]; _ = a[:i]; _ = a[1:3] }",
			"decl func f(s string, a *[4]int, i int) { _ = s[_gkrt.Slice(i, len(s), len(s), 24, 1):]; _ = a[:_gkrt.Slice(0, i, 4, 8, 1)]; _ = a[1:3] }"},
		{"3-index slice", "func f(s []int, a, b, c uint) { _ = s[a:b:c]; _ = s[:b:c] }",
			"decl func f(s []int, a, b, c uint) { _ = s[a:b:_gkrt.Slice3(int(a), int(b), int(c), cap(s), 7, 1)]; _ = s[:b:_gkrt.Slice3(0, int(b), int(c), cap(s), 6, 1)] }"},
		{"the check takes the place of the bound with a call", "func f(s []int, lo int) { _ = s[lo:len(get())+1]; _ = s[len(get()):lo] }",
			"decl func f(s []int, lo int) { _ = s[lo:_gkrt.Slice(lo, len(get())+1, cap(s), 0, 1)]; _ = s[_gkrt.Slice(len(get()), lo, cap(s), 16, 1):lo] }"},
		{"range over a slice: proven", "func f(s []int) (t int) { for i := range s { t += s[i] }; for i, v := range s { t += v * s[i] }; return }",
			"decl func f(s []int) (t int) { for i := range s { t += s[i] }; for i, v := range s { t += v * s[i] }; return }"},
		{"range over a grid: proven", "func f(g [][]int) (t int) { for y := range g { for x := range g[y] { t += g[y][x] } }; return }",
			"decl func f(g [][]int) (t int) { for y := range g { for x := range g[y] { t += g[y][x] } }; return }"},
		{"for i < len(s): proven", "func f(s []int) (t int) { for i := 0; i < len(s); i++ { t += s[i] }; return }",
			"decl func f(s []int) (t int) { for i := 0; i < len(s); i++ { t += s[i] }; return }"},
		{"array up to a constant: proven", "func f(a [4]int) (t int) { for i := 0; i < 3; i++ { t += a[i] }; for i := range 3 { t += a[i] }; return }",
			"decl func f(a [4]int) (t int) { for i := 0; i < 3; i++ { t += a[i] }; for i := range 3 { t += a[i] }; return }"},
		{"range over len(s): proven", "func f(s []int) (t int) { for i := range len(s) { t += s[i] }; return }",
			"decl func f(s []int) (t int) { for i := range len(s) { t += s[i] }; return }"},
		{"range over a map: checked", "func f(s []int, m map[int]bool) { for i := range m { _ = s[i] } }",
			"decl func f(s []int, m map[int]bool) { for i := range m { _ = s[_gkrt.Index(i, len(s), 1)] } }"},
		{"prefix sums: proven", "func f(a []int) { for i := 1; i < len(a); i++ { a[i] += a[i-1] } }",
			"decl func f(a []int) { for i := 1; i < len(a); i++ { a[i] += a[i-1] } }"},
		{"bubble sort: proven", "func f(a []int) { for i := 0; i < len(a); i++ { for j := 0; j < len(a)-1-i; j++ { if a[j] > a[j+1] { a[j], a[j+1] = a[j+1], a[j] } } } }",
			"decl func f(a []int) { for i := 0; i < len(a); i++ { for j := 0; j < len(a)-1-i; j++ { if a[j] > a[j+1] { a[j], a[j+1] = a[j+1], a[j] } } } }"},
		{"one past the end: checked", "func f(a []int) { for i := 0; i < len(a); i++ { _ = a[i+1] + a[i-1] + a[1+i] } }",
			"decl func f(a []int) { for i := 0; i < len(a); i++ { _ = a[_gkrt.Index(i+1, len(a), 1)] + a[_gkrt.Index(i-1, len(a), 1)] + a[_gkrt.Index(1+i, len(a), 1)] } }"},
		{"a bound of a loop variable that changes: checked", "func f(a []int, k int) { for j := 0; j < len(a)-k; j++ { _ = a[j+1] } }",
			"decl func f(a []int, k int) { for j := 0; j < len(a)-k; j++ { _ = a[_gkrt.Index(j+1, len(a), 1)] } }"},
		{"another slice: checked", "func f(s, u []int) (t int) { for i := range s { t += u[i] }; return }",
			"decl func f(s, u []int) (t int) { for i := range s { t += u[_gkrt.Index(i, len(u), 1)] }; return }"},
		{"slice reassigned in the body: checked (a constant bound counts as unsigned, as in Go)", "func f(s []int) { for i := range s { s = s[:0]; _ = s[i] } }",
			"decl func f(s []int) { for i := range s { s = s[:_gkrt.Slice(0, 0, cap(s), 2, 1)]; _ = s[_gkrt.Index(i, len(s), 1)] } }"},
		{"index reassigned in the body: checked", "func f(s []int) { for i := 0; i < len(s); i++ { i += 2; _ = s[i] } }",
			"decl func f(s []int) { for i := 0; i < len(s); i++ { i += 2; _ = s[_gkrt.Index(i, len(s), 1)] } }"},
		{"slice a closure assigns: checked", "func f(s []int) { drop := func() { s = nil }; for i := range s { drop(); _ = s[i] } }",
			"decl func f(s []int) { drop := func() { s = nil }; for i := range s { drop(); _ = s[_gkrt.Index(i, len(s), 1)] } }"},
		{"slice whose address is taken: checked", "func f(s []int) { p := &s; for i := range s { *p = nil; _ = s[i] } }",
			"decl func f(s []int) { p := &s; for i := range s { *p = nil; _ = s[_gkrt.Index(i, len(s), 1)] } }"},
		{"in a function literal of the loop: checked", "func f(s []int) { for i := range s { go func() { _ = s[i] }() } }",
			"decl func f(s []int) { for i := range s { go func() { _ = s[_gkrt.Index(i, len(s), 1)] }() } }"},
		{"a shadowed slice: checked", "func f(s, u []int) { for i := range s { s := u; _ = s[i] } }",
			"decl func f(s, u []int) { for i := range s { s := u; _ = s[_gkrt.Index(i, len(s), 1)] } }"},
		{"constant string", "func f(i int) byte { const h = \"hi\"; return h[i] + h[1] }",
			"decl func f(i int) byte { const h = \"hi\"; return h[_gkrt.Index(i, len(h), 1)] + h[1] }"},
		{"the cell's line", "func f(s []int, i int) int {\n\tfmt.Println()\n\treturn s[i]\n}",
			"decl func f(s []int, i int) int { fmt.Println(); return s[_gkrt.Index(i, len(s), 3)] }"},
		{"a cell naming len is left alone", "func f(s []int, i int) int { len := 1; return s[i] + len }",
			"decl func f(s []int, i int) int { len := 1; return s[i] + len }"},
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
		if err := passBounds(c, Env{}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := strings.ReplaceAll(flat(c), "\t", " "); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestBoundsPassUntyped: a cell the checker cannot type is left alone.
func TestBoundsPassUntyped(t *testing.T) {
	c, err := Parse("s := []int{1}\n_ = s[undefinedThing]")
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(testPackages())
	s.checkCell(c)
	if err := passBounds(c, Env{}); err != nil {
		t.Fatal(err)
	}
	if got, want := flat(c), "stmt var s = []int{1} | stmt _ = s[undefinedThing]"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// FuzzBoundsRewrite runs type-checked cells through every pass (the bounds
// pass among them) and prints them: no panic, and the printed code parses.
//
//	go test -run='^$' -fuzz=FuzzBoundsRewrite ./kernel/frontend
func FuzzBoundsRewrite(f *testing.F) {
	for _, seed := range []string{
		"s := []int{1, 2}\ni := 1\ns[i] = s[i-1] + s[:i][0]",
		"func f(a [3]int, p *[3]int, s string, i uint) byte { return s[i] + byte(a[i]+p[i]) }",
		"func g(s [][]int) { for y := range s { for x := 1; x < len(s[y])-1; x++ { s[y][x] = s[y][x-1] } } }",
		"b := []byte(\"go\")\n_ = b[0:1:2]\n_ = string(b[1:])[0]",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse(src)
		if err != nil {
			return
		}
		s := NewSession(testPackages())
		if err := Rewrite(c, Env{Types: s}); err != nil {
			return
		}
		c.PrintDecls()
		for _, n := range c.Body {
			c.PrintNode(n)
		}
	})
}
