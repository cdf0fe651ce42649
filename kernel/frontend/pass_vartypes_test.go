package frontend

import "testing"

func TestVarTypes(t *testing.T) {
	setup := []string{"import (\"maps\"; \"slices\")", "x := []int{3, 1}\nm := map[string]int{\"a\": 1}"}
	cases := []struct{ name, src, want string }{
		{"generic call of an earlier cell's var", "y := slices.Clone(x)", "stmt var y []int = slices.Clone(x)"},
		{"nested generic calls", "ks := slices.Sorted(maps.Keys(m))", "stmt var ks []string = slices.Sorted(maps.Keys(m))"},
		{"same cell", "z := []string{\"b\"}\nw := slices.Index(z, \"b\")", "stmt var z = []string{\"b\"} | stmt var w int = slices.Index(z, \"b\")"},
		{"no generic call: left alone", "n := len(x)", "stmt var n = len(x)"},
		{"generic call inside a func literal: left alone", "f := func() []int { return slices.Clone(x) }", "stmt var f = func() []int { return slices.Clone(x) }"},
		{"declared type kept", "var v []int = slices.Clone(x)", "decl var v []int = slices.Clone(x)"},
		{"hoisted var gets its type", "var u = slices.Clone(x)", "decl var u []int = slices.Clone(x)"},
		{"inside a function: left alone", "func g() { y := slices.Clone(x); _ = y }", "decl func g()\t{ y := slices.Clone(x); _ = y }"},
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
			t.Fatalf("%s: check failed: %v", tc.name, c.checkErrs)
		}
		if err := passVarTypes(c, Env{}); err != nil {
			t.Fatal(err)
		}
		if got := flat(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
