package engine

import "testing"

// TestNamedResultsFresh: a function's named results start at their zero
// value on every call, when the calls come from a loop of any kind, from a
// later cell, through a method, a closure, a generic function or recursion,
// with a deferred literal changing a result; a struct assigned to a named
// result, alone or with other values, is what the call returns; unnamed
// results are zero after a recovered panic; locals declared without an
// initializer are zero on every call too. yaegi v0.16.1 alone hands a call
// the slots the same call site filled the time before, and loses a struct
// assigned to a result (frontend/pass_namedresults.go).
func TestNamedResultsFresh(t *testing.T) {
	type step struct{ code, out, value, err string }
	cases := []struct {
		name  string
		steps []step
	}{
		{"the lessons writer's report", []step{
			{code: "import \"fmt\"\nfunc g(n int) (got []int, ok bool) { for i := range n { got = append(got, i) }; ok = true; return }"},
			{code: "for _, k := range []int{2, 3} { fmt.Println(g(k)) }", out: "[0 1] true\n[0 1 2] true\n"},
			{code: "for k := 1; k < 3; k++ { got, ok := g(k); fmt.Println(got, ok) }", out: "[0] true\n[0 1] true\n"},
			{code: "for k := range 2 { fmt.Println(g(k + 1)) }", out: "[0] true\n[0 1] true\n"},
			{code: "seq := func(yield func(int) bool) { _ = yield(2) && yield(1) }\nfor k := range seq { fmt.Println(g(k)) }", out: "[0 1] true\n[0] true\n"},
			{code: "fmt.Println(g(1))\nfmt.Println(g(2))", out: "[0] true\n[0 1] true\n"},
		}},
		{"every kind of result", []step{
			{code: "import (\"errors\"; \"fmt\")\ntype pt struct{ X int }\nfunc k(n int) (m map[int]bool, p pt, i int, s string, err error, ptr *pt) {\n\tif m == nil { m = map[int]bool{} }\n\tm[n] = true\n\tp.X += n\n\ti += n\n\ts += \"x\"\n\tif err == nil { err = errors.New(\"e\") } else { err = fmt.Errorf(\"%w again\", err) }\n\tif ptr == nil { ptr = &pt{n} } else { ptr.X += 100 }\n\treturn\n}"},
			{code: "for n := 1; n <= 3; n++ { m, p, i, s, err, ptr := k(n); fmt.Println(len(m), p, i, s, err, *ptr) }",
				out: "1 {1} 1 x e {1}\n1 {2} 2 x e {2}\n1 {3} 3 x e {3}\n"},
		}},
		{"method, closure and generic function", []step{
			{code: "import \"fmt\"\ntype acc struct{ base int }\nfunc (a acc) parts(n int) (total int, ps []int) { for i := 0; i < n; i++ { total += a.base; ps = append(ps, i) }; return }"},
			{code: "for _, n := range []int{1, 2} { fmt.Println(acc{10}.parts(n)) }", out: "10 [0]\n20 [0 1]\n"},
			{code: "collect := func(n int) (out []string) { for range n { out = append(out, \"a\") }; return }\nfor i := 0; i < 3; i++ { fmt.Print(collect(i), \" \") }", out: "[] [a] [a a] "},
			{code: "func firsts[T any](xs []T) (got []T, last T) { for _, x := range xs { got = append(got, x); last = x }; return }\nfor _, xs := range [][]string{{\"a\", \"b\"}, {\"c\"}, nil} { fmt.Println(firsts(xs)) }", out: "[a b] b\n[c] c\n[] \n"},
		}},
		{"recursion and defer", []step{
			{code: "import (\"errors\"; \"fmt\")\nfunc fib(n int) (r int) { if n < 2 { r += n; return }; for _, d := range []int{1, 2} { r += fib(n - d) }; return }\nfor i := 0; i < 7; i++ { fmt.Print(fib(i), \" \") }", out: "0 1 1 2 3 5 8 "},
			{code: "func work(n int) (res []int, err error) {\n\tdefer func() { if err != nil { err = fmt.Errorf(\"wrapped: %w\", err) } }()\n\tfor i := 0; i < n; i++ { res = append(res, i) }\n\tif n%2 == 1 { err = errors.New(\"odd\") }\n\treturn\n}\nfor n := range 3 { fmt.Println(work(n)) }", out: "[] <nil>\n[0] wrapped: odd\n[0 1] <nil>\n"},
		}},
		{"results returned from another call", []step{
			{code: "func inner() (r []int) { r = append(r, 9); return }\nfunc outer() (r []int) { r = append(r, 1); return inner() }\nouter()", value: "[9]"},
		}},
		{"unnamed results after a recovered panic", []step{
			{code: "import \"fmt\"\nfunc safeDiv(a, b int) int { defer func() { recover() }(); return a / b }\nfor _, b := range []int{1, 0, 2} { fmt.Print(safeDiv(6, b), \" \") }", out: "6 0 3 "},
			{code: "func at(xs []string, i int) (string, bool) { defer func() { recover() }(); return xs[i], true }\nfor i := 0; i < 2; i++ { fmt.Println(at([]string{\"a\"}, i)) }", out: "a true\n false\n"},
		}},
		{"a struct assigned to a named result", []step{
			{code: "import (\"errors\"; \"fmt\")\ntype pt struct{ X, Y int }\nfunc origin() (p pt) { p = pt{1, 2}; return }\norigin()", value: "{1 2}"},
			{code: "func both(q pt) (p pt, err error) { p, err = q, errors.New(\"x\"); return }\nfor i := range 2 { fmt.Println(both(pt{i, i})) }", out: "{0 0} x\n{1 1} x\n"},
			{code: "func none() (p pt, err error) { p, err = pt{3, 4}, nil; return }\nnone()", value: "({3 4}, <nil>)"},
			{code: "func late() (p pt, err error) { defer func() { if recover() != nil { p, err = pt{-1, -1}, errors.New(\"late\") } }(); panic(1) }\nlate()", value: "({-1 -1}, late)"},
		}},
		{"locals without an initializer", []step{
			{code: "import \"fmt\"\nfunc loc(n int) []int { var x []int; var s string; for i := 0; i < n; i++ { x = append(x, i); s += \"s\" }; fmt.Print(s, \" \"); return x }\nfor n := 1; n < 4; n++ { fmt.Println(loc(n)) }", out: "s [0]\nss [0 1]\nsss [0 1 2]\n"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t)
			for i, st := range tc.steps {
				o := s.run(st.code)
				if o.out != st.out || o.value != st.value || o.err != st.err || o.stderr != "" {
					t.Errorf("step %d %q:\n got out=%q value=%q err=%q stderr=%q\nwant out=%q value=%q err=%q",
						i, st.code, o.out, o.value, o.err, o.stderr, st.out, st.value, st.err)
				}
			}
		})
	}
}
