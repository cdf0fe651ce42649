package frontend

import (
	"testing"
)

// FuzzParseRewrite feeds arbitrary cells through the whole front-end: Parse,
// every rewrite pass, and printing each piece the engine would evaluate. Any
// input must give either an error or printable pieces, never a panic: a
// student's half-typed cell must not take the worker down.
func FuzzParseRewrite(f *testing.F) {
	for _, seed := range []string{
		"",
		"x := 1\nx + 1",
		"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n",
		"for i := range 10 { go func() { println(i) }() }",
		"select {\ncase v := <-c:\n\tf(v)\ncase r, ok = <-d:\n}\n",
		"type T struct{ A int }\nfunc (t T) M() int { return t.A }\nT{1}.M()",
		"var wg sync.WaitGroup\nfor i := 0; i < 3; i++ { wg.Add(1); go func() { defer wg.Done() }() }\nwg.Wait()",
		"ch <- min(a, 1.5)\nclear(m)\n<-ch",
		"func f[T any](x T) T { return x }\nf(1)",
		"for {\n\tcontinue\n}",
		"L: for x := range xs { if x { continue L }; break L }",
		"go close(ch)\ngo f(xs...)\ndefer fmt.Println(x)",
		"x := `raw\nstring`\n/* comment */",
		"func(",
		"}{",
		"import (\n\t\"fmt\"\n\tstr \"strings\"\n)",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse(src)
		if err != nil {
			return
		}
		if err := Rewrite(c, Env{}); err != nil {
			return
		}
		c.PrintDecls()
		for _, n := range c.Body {
			c.PrintNode(n)
		}
		if c.Show != nil {
			c.PrintCall("_gk_show", c.Show)
		}
	})
}
