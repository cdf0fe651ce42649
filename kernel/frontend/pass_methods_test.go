package frontend

import "testing"

// TestBoundMethodValues: with the checker's types, a method value binds the
// receiver Go saves when it evaluates it (the pointer for a pointer
// receiver, a copy for a value receiver, through embedded fields).
func TestBoundMethodValues(t *testing.T) {
	setup := []string{
		"type Counter struct{ n int }\nfunc (c *Counter) Inc() { c.n++ }\nfunc (c Counter) Get() int { return c.n }",
		"type Named struct { Counter; name string }\ntype Boxed struct{ *Counter }\ntype Getter interface{ Get() int }",
		"var c Counter\nvar p = &Counter{}\nvar nm Named\nvar b Boxed\nvar g Getter = c",
	}
	cases := []struct{ name, src, want string }{
		{"pointer receiver on an addressable value", "f := c.Inc",
			"stmt var f = func() func() { _gk_r1 := &c; return _gk_r1.Inc }()"},
		{"pointer receiver on a pointer", "f := p.Inc",
			"stmt var f = func() func() { _gk_r1 := p; return _gk_r1.Inc }()"},
		{"value receiver through a pointer copies now", "f := p.Get",
			"stmt var f = func() func() int { _gk_r1 := *p; return _gk_r1.Get }()"},
		{"promoted pointer method binds the embedded field", "f := nm.Inc",
			"stmt var f = func() func() { _gk_r1 := &nm.Counter; return _gk_r1.Inc }()"},
		{"promoted through an embedded pointer", "f := b.Inc",
			"stmt var f = func() func() { _gk_r1 := b.Counter; return _gk_r1.Inc }()"},
		{"promoted value method through an embedded pointer", "f := b.Get",
			"stmt var f = func() func() int { _gk_r1 := *b.Counter; return _gk_r1.Get }()"},
		{"interface method value", "f := g.Get",
			"stmt var f = func() func() int { _gk_r1 := g; return _gk_r1.Get }()"},
		{"a method value as an argument", "func run(f func()) { f() }\nrun(c.Inc)",
			"decl func run(f func())\t{ f() } | show run(func() func() { _gk_r1 := &c; return _gk_r1.Inc }())"},
		{"calls are left alone", "c.Inc()", "show c.Inc()"},
		{"a deferred pointer method binds the pointer", "func f() { q := &Counter{}; defer q.Inc(); q = nil }",
			"decl func f()\t{ q := &Counter{}; _gk_r1 := q; defer _gk_r1.Inc(); q = nil }"},
		{"in a loop the receiver is an argument", "type L struct{}\nfunc (l *L) Close() {}\nfunc f() { for i := 0; i < 2; i++ { q := &L{}; defer q.Close() } }",
			"decl type L struct{} | decl func (l *L) Close()\t{} | decl func f() { for i := 0; i < 2; i++ { q := &L{}; defer func(_gk_r1 *L) { _gk_r1.Close() }(q) } }"},
		{"a deferred method on a value binds its address", "func f() { defer c.Inc() }",
			"decl func f()\t{ _gk_r1 := &c; defer _gk_r1.Inc() }"},
		{"a func field is not a method", "type H struct{ F func() }\nvar h H\nf := h.F", "decl type H struct{ F func() } | decl var h H | stmt var f = h.F"},
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
		if err := passMethods(c, Env{}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := flat(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
