package engine

import "testing"

// TestIfacesAcrossCells runs the interfaces pass's rewrites
// (frontend/pass_ifaces.go) over a session: types of one cell in the type
// switches, assertions and goroutines of later cells, and the comma-ok
// forms at a cell's top level, which yaegi alone fails with "nil type".
func TestIfacesAcrossCells(t *testing.T) {
	s := newSession(t)
	steps := []struct{ code, out, err string }{
		{code: "import (\"errors\"; \"fmt\"; \"sync\")\ntype Shape interface{ Area() float64 }\ntype Sq float64\nfunc (q Sq) Area() float64 { return float64(q * q) }\ntype Grid map[int]float64\nfunc (g Grid) Area() float64 { return float64(len(g)) }\ntype NotFound struct{ K string }\nfunc (e *NotFound) Error() string { return \"not found: \" + e.K }"},
		{code: "func kind(v any) string {\n\tswitch x := v.(type) {\n\tcase Shape:\n\t\treturn fmt.Sprint(\"shape \", x.Area())\n\tcase error:\n\t\treturn \"error \" + x.Error()\n\t}\n\treturn \"other\"\n}\nfor _, v := range []any{Sq(2), Grid{1: 1}, &NotFound{\"k\"}, NotFound{\"v\"}, errors.New(\"e\"), 3} {\n\tfmt.Println(kind(v))\n}",
			out: "shape 4\nshape 1\nerror not found: k\nother\nerror e\nother\n"},
		{code: "var a any = Grid{1: 2, 2: 3}\nsh, ok := a.(Shape)\nfmt.Println(ok, sh.Area())", out: "true 2\n"},
		{code: "var e any = &NotFound{\"x\"}\nerr, isErr := e.(error)\n_, isShape := e.(Shape)\nfmt.Println(isErr, err, isShape)", out: "true not found: x false\n"},
		{code: "ch := make(chan int, 1)\nch <- 5\nv, more := <-ch\nm := map[string]int{\"a\": 1}\nn, found := m[\"b\"]\nfmt.Println(v, more, n, found)", out: "5 true 0 false\n"},
		{code: "func area(s Shape, out chan<- float64, wg *sync.WaitGroup) { defer wg.Done(); out <- s.Area() }\nvar wg sync.WaitGroup\nout := make(chan float64, 2)\nwg.Add(2)\ngo area(Grid{1: 1, 2: 2}, out, &wg)\ngo area(Sq(3), out, &wg)\nwg.Wait()\nfmt.Println(<-out + <-out)", out: "11\n"},
	}
	for i, st := range steps {
		r := s.run(st.code)
		if r.out != st.out || r.err != st.err {
			t.Errorf("step %d: got out %q err %q, want out %q err %q", i+1, r.out, r.err, st.out, st.err)
		}
	}
}
