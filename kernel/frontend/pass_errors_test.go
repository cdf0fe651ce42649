package frontend

import (
	"strings"
	"testing"
)

// TestPassErrors: errors.Is and errors.Unwrap go to the runtime, and a
// type with Unwrap or Is methods is registered with closures asserting to
// it (T and *T for value methods, *T for pointer methods).
func TestPassErrors(t *testing.T) {
	setup := []string{"import (\"errors\"; \"fmt\")", "type Old struct{ err error }\nfunc (o Old) Error() string { return \"old\" }"}
	cases := []struct {
		name, src string
		want      []string // in the flattened cell, in order
		not       []string
	}{
		{"calls routed", "var e error\nfmt.Println(errors.Is(e, e), errors.Unwrap(e))",
			[]string{"_gkrt.ErrorsIs(e, e)", "_gkrt.ErrorsUnwrap(e)"}, []string{"RegisterError"}},
		{"errors compared", "var e, f error\nfmt.Println(e == f, e != f, e == nil, nil != f)",
			[]string{"_gkrt.ErrorsEqual(e, f) == true", "_gkrt.ErrorsEqual(e, f) != true", "e == nil", "nil != f"}, nil},
		{"errors.As and errors.New untouched", "var e error = errors.New(\"x\")\nvar p *error\n_ = errors.As(e, p)",
			[]string{"errors.New(\"x\")", "errors.As(e, p)"}, []string{"_gkrt.Errors"}},
		{"value methods", "type W struct{ err error }\nfunc (w W) Error() string { return \"w\" }\nfunc (w W) Unwrap() error { return w.err }",
			[]string{`_gkrt.RegisterError("W", func(v any) (string, bool) { if x, ok := v.(W); ok { return x.Error(), true }; if x, ok := v.(*W); ok && x != nil { return x.Error(), true }; return "", false }, func(v any) (error, bool) { if x, ok := v.(W); ok {`, "}, nil, nil)"}, nil},
		{"pointer methods", "type P struct{ err error }\nfunc (p *P) Error() string { return \"p\" }\nfunc (p *P) Is(t error) bool { return false }\nfunc (p *P) Unwrap() []error { return nil }",
			[]string{`_gkrt.RegisterError("P", func(v any) (string, bool) { if x, ok := v.(*P); ok { return x.Error(), true }; return "", false }, nil, func(v any) ([]error, bool) { if x, ok := v.(*P); ok { return x.Unwrap(), true }; return nil, false }, func(v any, t error) (bool, bool) { if x, ok := v.(*P); ok { return x.Is(t), true }; return false, false })`}, nil},
		{"a method for an earlier cell's type", "func (o Old) Unwrap() error { return o.err }", []string{`_gkrt.RegisterError("Old", `}, nil},
		{"an error without Unwrap or Is is not registered", "type E int\nfunc (E) Error() string { return \"e\" }", nil, []string{"RegisterError"}},
		{"a shadowed errors is not the package", "func f(errors struct{ Is func(a, b error) bool }) bool { return errors.Is(nil, nil) }",
			[]string{"errors.Is(nil, nil)"}, []string{"_gkrt"}},
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
		if err := passErrors(c, Env{}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := flat(c)
		rest := got
		for _, w := range tc.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%s: missing (in order) %s\n got %s", tc.name, w, got)
				break
			}
			rest = rest[i+len(w):]
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: has %s\n got %s", tc.name, n, got)
			}
		}
	}
}
