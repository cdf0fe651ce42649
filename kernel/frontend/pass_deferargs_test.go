package frontend

import "testing"

// TestDeferLoopVars: a deferred function literal in a loop gets the loop's
// variables through pointers taken at the defer; variables declared outside
// the loop, and those the literal writes, stay captured.
func TestDeferLoopVars(t *testing.T) {
	setup := []string{"import \"fmt\""}
	cases := []struct{ name, src, want string }{
		{"loop variable", "func f() { for i := 0; i < 3; i++ { defer func() { fmt.Println(i) }() } }",
			"decl func f() { for i := 0; i < 3; i++ { _gk_a2 := &i; defer func(_gk_v1 *int) { i := *_gk_v1; fmt.Println(i) }(_gk_a2) } }"},
		{"range variables and a body variable", "func f(xs []string) { for k, v := range xs { s := v + \"!\"; defer func() { fmt.Println(k, s) }() } }",
			"decl func f(xs []string) { for k, v := range xs { s := v + \"!\"; _gk_a3 := &k; _gk_a4 := &s; defer func(_gk_v1 *int, _gk_v2 *string) { k := *_gk_v1; s := *_gk_v2; fmt.Println(k, s) }(_gk_a3, _gk_a4) } }"},
		{"arguments kept after the bound variables", "func f() { for i := range 2 { defer func(p string) { fmt.Println(p, i) }(\"x\") } }",
			"decl func f() { for i := range 2 { _gk_a2 := &i; defer func(_gk_v1 *int, p string) { i := *_gk_v1; fmt.Println(p, i) }(_gk_a2, \"x\") } }"},
		{"a variable of the function stays captured", "func f() { n := 0; for i := 0; i < 2; i++ { defer func() { fmt.Println(n) }() }; n = 5 }",
			"decl func f() { n := 0; for i := 0; i < 2; i++ { defer func() { fmt.Println(n) }() }; n = 5 }"},
		{"a variable the literal writes stays captured", "func f() { for i := 0; i < 2; i++ { defer func() { i++; fmt.Println(i) }() } }",
			"decl func f() { for i := 0; i < 2; i++ { defer func() { i++; fmt.Println(i) }() } }"},
		{"a defer outside loops is left alone", "func f() { x := 1; defer func() { fmt.Println(x) }() }",
			"decl func f()\t{ x := 1; defer func() { fmt.Println(x) }() }"},
		{"a literal's own loop does not count", "func f() { for i := 0; i < 2; i++ { go func() { x := i; defer func() { fmt.Println(x) }() }() } }",
			"decl func f() { for i := 0; i < 2; i++ { go func() { x := i; defer func() { fmt.Println(x) }() }() } }"},
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
		if err := passDeferArgs(c, Env{}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := flat(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
