package engine

import "testing"

// TestErrorTree: errors.Is and errors.Unwrap through the session's own
// error types, declared in earlier cells, with methods added later.
func TestErrorTree(t *testing.T) {
	s := newSession(t)
	setup := []string{
		"import (\"errors\"; \"fmt\")\nvar ErrBase = errors.New(\"base\")",
		"type Wrap struct{ err error }\nfunc (w *Wrap) Error() string { return \"wrap: \" + w.err.Error() }",
		"func (w *Wrap) Unwrap() error { return w.err }", // a method of an earlier cell's type
		"type Code int\nfunc (c Code) Error() string { return fmt.Sprint(\"code \", int(c)) }\nfunc (c Code) Is(t error) bool { d, ok := t.(Code); return ok && d/100 == c/100 }",
	}
	for _, c := range setup {
		if r := s.run(c); r.err != "" {
			t.Fatalf("setup %q: %s", c, r.err)
		}
	}
	cases := []struct{ code, out string }{
		{"fmt.Println(errors.Unwrap(&Wrap{ErrBase}) == ErrBase)", "true\n"},
		{"fmt.Println(errors.Is(&Wrap{&Wrap{ErrBase}}, ErrBase))", "true\n"},
		{"fmt.Println(errors.Is(&Wrap{Code(404)}, Code(401)), errors.Is(&Wrap{Code(404)}, Code(500)))", "true false\n"},
		{"fmt.Println(errors.Is(fmt.Errorf(\"x: %w\", &Wrap{ErrBase}), ErrBase))", "true\n"},
		{"var e error = Code(503)\nfmt.Println(errors.Is(e, Code(500)), errors.Is(e, ErrBase), errors.Unwrap(e) == nil)", "true false true\n"},
		{"fmt.Println(errors.Is(nil, ErrBase), errors.Is(nil, nil), errors.Unwrap(nil) == nil)", "false true true\n"},
	}
	for _, tc := range cases {
		r := s.run(tc.code)
		if r.err != "" || r.out != tc.out {
			t.Errorf("%q: printed %q, error %q; want %q", tc.code, r.out, r.err, tc.out)
		}
	}
}
