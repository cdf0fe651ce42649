package frontend

import "testing"

// TestNamedResults: every named result of a function, method or literal
// is assigned its zero value first (nil, 0, "", false by the checker's
// type, a variable declared with the result's type otherwise), several
// values assigned to results go through temporaries, and a literal
// assigned to a result is put in parentheses; unnamed results
// are named and zeroed when the function has a defer of its own, left
// alone otherwise; a blank result gets a name, and a type a parameter
// shadows is not written.
func TestNamedResults(t *testing.T) {
	setup := []string{"import \"fmt\"", "type point struct{ X, Y int }", "type count int"}
	cases := []struct {
		name, src, want string
		typed           bool
	}{
		{"slice and bool", "func g(n int) (got []int, ok bool) { got = append(got, n); ok = true; return }",
			"decl func g(n int) (got []int, ok bool)\t{ got = nil; ok = false; got = append(got, n); ok = true; return }", true},
		{"every kind", "func k() (m map[int]int, p point, i int, s string, err error, ptr *point, f func(), ch chan int, a [2]int, c count, x any) { return }",
			"decl func k() (m map[int]int, p point, i int, s string, err error, ptr *point, f func(), ch chan int, a [2]int, c count, x any) { m = nil; var _gk_zero1 point; p = _gk_zero1; i = 0; s = \"\"; err = nil; ptr = nil; f = nil; ch = nil; var _gk_zero2 [2]int; a = _gk_zero2; c = 0; x = nil; return }", true},
		{"names sharing a type", "func two() (a, b []string) { return }",
			"decl func two() (a, b []string)\t{ a = nil; b = nil; return }", true},
		{"method", "func (p point) parts() (xs []int) { xs = append(xs, p.X); return }",
			"decl func (p point) parts() (xs []int)\t{ xs = nil; xs = append(xs, p.X); return }", true},
		{"function literal", "var f = func() (out []string, err error) { return }",
			"decl var f = func() (out []string, err error) { out = nil; err = nil; return }", true},
		{"type parameter", "func first[T any](xs []T) (v T, ok bool) { if len(xs) > 0 { v, ok = xs[0], true }; return }",
			"decl func first[T any](xs []T) (v T, ok bool) { var _gk_zero1 T; v = _gk_zero1; ok = false; if len(xs) > 0 { _gk_v2 := xs[0]; v = _gk_v2; ok = true }; return }", true},
		{"blank result", "func b() (_ []int, ok bool) { return }",
			"decl func b() (_gk_result1 []int, ok bool)\t{ _gk_result1 = nil; ok = false; return }", true},
		{"a literal assigned to a result is in parentheses", "func lit(n int) (p point, ok bool, xs []int) { p = point{X: n}; p, ok = point{1, 2}, true; xs = []int{n}; q := point{}; _ = q; defer func() { p = point{} }(); return }",
			"decl func lit(n int) (p point, ok bool, xs []int) { var _gk_zero1 point; p = _gk_zero1; ok = false; xs = nil; p = (point{X: n}); _gk_v2 := point{1, 2}; p = _gk_v2; ok = true; xs = ([]int{n}); q := point{}; _ = q; defer func() { p = (point{}) }(); return }", true},
		{"several values to results: temporaries, then one assignment each", "func sp(q point) (p point, err error, n int64) { p, err, n = q, fmt.Errorf(\"x\"), 7; _, p = fmt.Sprint(1), q; p, err = point{}, nil; a, b := 1, 2; a, b = b, a; return }",
			"decl func sp(q point) (p point, err error, n int64) { var _gk_zero1 point; p = _gk_zero1; err = nil; n = 0; _gk_v2 := q; _gk_v3 := fmt.Errorf(\"x\"); p = _gk_v2; err = _gk_v3; n = 7; _gk_v4 := fmt.Sprint(1); _gk_v5 := q; _ = _gk_v4; p = _gk_v5; _gk_v6 := point{}; p = _gk_v6; err = nil; a, b := 1, 2; a, b = b, a; return }", true},
		{"unnamed results untouched", "func u() ([]int, bool) { var x []int; return x, true }",
			"decl func u() ([]int, bool)\t{ var x []int; return x, true }", true},
		{"unnamed results with a defer are named", "func safeDiv(a, b int) (int, error) { defer func() { recover() }(); return a / b, nil }",
			"decl func safeDiv(a, b int) (_gk_result1 int, _gk_result2 error) { _gk_result1 = 0; _gk_result2 = nil; defer func() { recover() }(); return a / b, nil }", true},
		{"a literal's defer does not count", "func lit() []int { f := func() { defer func() {}() }; f(); return nil }",
			"decl func lit() []int\t{ f := func() { defer func() {}() }; f(); return nil }", true},
		{"with a defer changing a result", "func w() (err error) { defer func() { err = fmt.Errorf(\"w: %w\", err) }(); return }",
			"decl func w() (err error)\t{ err = nil; defer func() { err = fmt.Errorf(\"w: %w\", err) }(); return }", true},
		{"not type-checked: a variable for each", "func g() (got []int, p point) { return }",
			"decl func g() (got []int, p point) { var _gk_zero1 []int; got = _gk_zero1; var _gk_zero2 point; p = _gk_zero2; return }", false},
		{"a parameter shadowing the type's name", "func sh(point int) (p point, n int) { return }",
			"decl func sh(point int) (p point, n int)\t{ var _gk_zero1 int; n = _gk_zero1; return }", false},
	}
	for _, tc := range cases {
		s := NewSession(testPackages())
		runSession(t, s, setup...)
		c, err := Parse(tc.src)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if tc.typed {
			s.checkCell(c)
			if c.types == nil {
				t.Errorf("%s: check failed: %v", tc.name, c.checkErrs)
				continue
			}
		}
		if err := passNamedResults(c, Env{}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := flat(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
