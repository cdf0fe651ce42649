package frontend

import "testing"

// TestPassVoidShow: a trailing call without a value becomes a statement;
// a trailing value stays the cell's Out.
func TestPassVoidShow(t *testing.T) {
	setup := []string{"import (\"fmt\"; \"sync\")", "var wg sync.WaitGroup\nfunc void() {}\nfunc two() (int, int) { return 1, 2 }"}
	cases := []struct{ name, src, want string }{
		{"a WaitGroup's Wait", "wg.Add(1)\nwg.Wait()", "stmt wg.Add(1) | stmt wg.Wait()"},
		{"a func without results", "void()", "stmt void()"},
		{"parenthesised", "(void())", "stmt (void())"},
		{"a value stays the Out", "two()", "show two()"},
		{"Println is a statement already", "fmt.Println(1)", "stmt fmt.Println(1)"},
		{"an identifier", "x := 1\nx", "stmt var x = 1 | show x"},
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
		if err := passVoidShow(c, Env{}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := flat(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
