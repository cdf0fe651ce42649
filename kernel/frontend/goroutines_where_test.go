package frontend

import (
	"strings"
	"testing"
)

// A go statement tells the runtime where it stands and what it calls: the
// cell (Env.Cell) and the cell's own line, and the callee as written.
func TestGoStatementNamesItsPosition(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"x := 1\n\ngo worker(x)", `_gkrt.GoCall("In[3]:3", "worker", worker, x)`},
		{"go s.run()", `_gkrt.GoCall("In[3]:1", "s.run", s.run)`},
		{"func f() {\n\tgo func() {}()\n}", `_gkrt.GoCall("In[3]:2", "func literal", `},
		{"go close(ch)", `_gkrt.Go("In[3]:1", "close", `},
	} {
		c, err := Parse(tc.src)
		if err == nil {
			err = Rewrite(c, Env{Cell: "In[3]"})
		}
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		got := c.PrintDecls() + c.PrintFunc("body", nil)
		for _, n := range c.Body {
			got += c.PrintNode(n)
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%q: want %s in\n%s", tc.src, tc.want, got)
		}
	}
}
