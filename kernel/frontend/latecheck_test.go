package frontend

import "testing"

// TestLateCheck: a cell of literals alone is not type-checked by Rewrite;
// InGoWords checks it when an error of the interpreter's wants gc's words.
func TestLateCheck(t *testing.T) {
	for _, tc := range []struct {
		src  string
		late bool
	}{
		{`1 + "a"`, true},
		{`2 * 3.5`, true},
		{`x := 1`, false},
		{`len("abc")`, false},
		{"import \"fmt\"\n1", false},
	} {
		s := NewSession(testPackages())
		c, err := Parse(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if err := Rewrite(c, Env{Types: s}); err != nil {
			t.Fatal(err)
		}
		if got := c.lateCheck != nil; got != tc.late {
			t.Errorf("%q: check put off %v, want %v", tc.src, got, tc.late)
		}
		if !tc.late {
			continue
		}
		if len(c.checkErrs) != 0 {
			t.Errorf("%q: checked before it was needed", tc.src)
		}
		fe := c.InGoWords(&Error{Kind: "compile error", Line: 1, Msg: "yaegi's words"}, "")
		if tc.src == `1 + "a"` && (fe == nil || fe.Msg != `invalid operation: 1 + "a" (mismatched types untyped int and untyped string)`) {
			t.Errorf("%q: InGoWords = %v", tc.src, fe)
		}
	}
}
