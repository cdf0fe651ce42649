package engine

import "testing"

// TestCellSilentWrongAnswers: cells that printed nothing and reported no
// error, crashed the worker, or failed where Go runs them (issue 10, first
// rule: what the kernel prints is what `go run` prints).
func TestCellSilentWrongAnswers(t *testing.T) {
	type step struct{ code, out, value, err string }
	for _, tt := range []struct {
		name  string
		steps []step
	}{
		{"two statement groups of one length in a cell", []step{
			{code: `import "fmt"`},
			{code: "type Opt[T any] func(*T)\ntype Cfg struct{ N int }\nfunc With[T any](o ...Opt[T]) T { var t T; for _, f := range o { f(&t) }; return t }\nc := With[Cfg](func(c *Cfg) { c.N = 3 })\nfmt.Println(\"got\", c)", out: "got {3}\n"},
		}},
		{"statement groups of equal length around vars", []step{
			{code: `import "fmt"`},
			{code: "fmt.Println(1)\na := 2\nfmt.Println(a)\nb := 3\nfmt.Println(b)", out: "1\n2\n3\n"},
		}},
		{"struct embedding error, whole program", []step{
			{code: `import "fmt"`},
			{code: "type E struct{ error }"},
			{code: "func main() { var e error = E{fmt.Errorf(\"x\")}; fmt.Println(e) }", out: "x\n"},
		}},
		{"func reading a var of its cell in a select", []step{
			{code: `import "fmt"`},
			{code: "mailbox := make(chan string, 1)\nfunc tryReceive() { select { case m := <-mailbox: fmt.Println(m); default: fmt.Println(\"none\") } }\ntryReceive()\nmailbox <- \"hi\"\ntryReceive()", out: "none\nhi\n"},
			{code: "tryReceive()", out: "none\n"},
		}},
		{"funcs and methods using the cell's later variables", []step{
			{code: `import "fmt"`},
			{code: "type P struct{ N int }\np := P{1}\na, b := 2, \"s\"\nfunc (q P) Sum() int { return q.N + p.N + a }\nfunc f() string { return b }\nfmt.Println(P{10}.Sum(), f())", out: "13 s\n"},
			{code: "a = 5\nfmt.Println(P{10}.Sum(), f(), p, a, b)", out: "16 s {1} 5 s\n"},
		}},
		{"a cell redefining an earlier variable that its func uses", []step{
			{code: `import "fmt"`},
			{code: "x := 3"},
			// Before: f was compiled against the earlier x (3 3, then 3 7).
			{code: "fmt.Println(x)\nx := 5\nfunc f() int { return x }\nfmt.Println(f(), x)", out: "3\n5 5\n"},
			{code: "x = 7\nfmt.Println(f(), x)", out: "7 7\n"},
			{code: "x := \"s\"\nfunc g() string { return x }\nfmt.Println(g(), x)", out: "s s\n"},
		}},
		{"func using a var of the cell set from an earlier cell's var", []step{
			{code: "a := 1"},
			{code: "var x = a + 1\nfunc f() int { return x }\nf()", value: "2"},
			{code: "x = 7\nf()", value: "7"},
		}},
		{"select receive of a variable whose type the cell cannot write", []step{
			{code: "import (\"crypto/sha256\"; \"fmt\")\nfunc mk[T any](T) chan T { return make(chan T, 1) }"},
			// chan hash.Hash: hash is not imported, so PredeclareVars cannot
			// declare ch; yaegi's compiler panics.
			{code: "ch := mk(sha256.New())\nfunc r() { select { case h := <-ch: fmt.Println(h.Size()); default: fmt.Println(\"none\") } }\nr()",
				err: "InterpreterLimitation: gokernel could not run this (interpreter limitation): incomplete type ch"},
			{code: "r()", err: "compile error: cell:1:1: undefined: r (its declaration in an earlier cell did not compile; run a cell that declares it again)"},
			{code: "func g() { r() }\ng()", err: "compile error: cell:1:12: undefined: r (its declaration in an earlier cell did not compile; run a cell that declares it again)"},
			{code: "func r() { fmt.Println(\"again\") }\nr()", out: "again\n"},
			{code: "r()", out: "again\n"},
		}},
		{"funcs of a cell whose declarations did not compile", []step{
			{code: `import "fmt"`},
			{code: "func f() { fmt.Println(1) }\nfunc h() { f() }"},
			{code: "func f() { fmt.Println(2); undefinedThing() }", err: "compile error: cell:1:28: undefined: undefinedThing"},
			{code: "f()", err: "compile error: cell:1:1: undefined: f (its declaration in an earlier cell did not compile; run a cell that declares it again)"},
			{code: "h()", out: "1\n"}, // compiled before: yaegi keeps the old f
			{code: "f := 3\nf", value: "3"},
		}},
		{"a var initialiser's panic among declarations breaks no func", []step{
			{code: "func one() int { return 1 }\nfunc fail() int { panic(\"boom\") }\nvar boom = fail()", err: "panic: boom"},
			{code: "one()", value: "1"},
		}},
		{"cancel func as the last line", []step{
			{code: "import (\"context\"; \"fmt\"; \"time\")"},
			{code: "bctx, bcancel := context.WithTimeout(context.Background(), time.Hour)\nfmt.Println(bctx.Err())\nbcancel()", out: "<nil>\n"},
			{code: "bcancel()"},
			{code: "fmt.Println(bctx.Err())", out: "context canceled\n"},
		}},
		{"strings never imported", []step{
			{code: `import "fmt"`},
			{code: "strings.Repeat(\"a\", 3)", err: "compile error: cell:1:1: undefined: strings"},
			{code: "fmt.Println(strings.Repeat(\"a\", 3))", err: "compile error: cell:1:13: undefined: strings"},
		}},
		{"strings imported by an earlier cell", []step{
			{code: "import (\"fmt\"; \"strings\")\nvar b strings.Builder\n_, _ = b.WriteString(\"x\")"},
			{code: "strings.Repeat(\"a\", 3)", value: `"aaa"`},
			{code: "fmt.Println(b.String(), strings.Repeat(\"a\", 3))", out: "x aaa\n"},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			for _, st := range tt.steps {
				got := s.run(st.code)
				if got.err != st.err || got.out != st.out || got.value != st.value {
					t.Errorf("%q:\n got out=%q value=%q err=%q\nwant out=%q value=%q err=%q", st.code, got.out, got.value, got.err, st.out, st.value, st.err)
				}
			}
		})
	}
}
