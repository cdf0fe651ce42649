package frontend

import (
	"bytes"
	"go/ast"
	"go/printer"
	"strings"
	"testing"
)

// describe renders a parsed cell compactly: imports, hoisted decls, body
// items in order and the shown expression.
func describe(c *Cell) string {
	var parts []string
	for _, s := range c.Imports {
		parts = append(parts, "import "+s.Path.Value)
	}
	for _, d := range c.Decls {
		parts = append(parts, "decl "+oneLine(c, d))
	}
	for _, n := range c.Body {
		kind := "stmt"
		if _, ok := n.(*ast.GenDecl); ok {
			kind = "var"
		}
		parts = append(parts, kind+" "+oneLine(c, n))
	}
	if c.Show != nil {
		parts = append(parts, "show "+oneLine(c, c.Show))
	}
	return strings.Join(parts, " | ")
}

func oneLine(c *Cell, n any) string {
	var b bytes.Buffer
	(&printer.Config{Tabwidth: 8}).Fprint(&b, c.Fset, n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestSplit(t *testing.T) {
	cases := []struct{ src, want string }{
		{"x := 1", "var var x = 1"},
		{"import \"fmt\"\nfmt.Println(1)", `import "fmt" | stmt fmt.Println(1)`},
		{"package main\nimport (\n\t\"fmt\"\n\tstr \"strings\"\n)\nfunc main() { fmt.Println(str.ToUpper(\"a\")) }",
			`import "fmt" | import "strings" | decl func main() { fmt.Println(str.ToUpper("a")) }`},
		{"var a = 1\nfunc f() int { return a }\na++\nvar b = 2\nf()", "decl var a = 1 | decl func f() int { return a } | stmt a++ | var var b = 2 | show f()"},
		{"for i := 0; i < 3; i++ {\n}\ntype T int", "decl type T int | stmt for i := 0; i < 3; i++ { }"},
		{"func (t T) M() {}\nfunc() { }()", "decl func (t T) M() {} | show func() {}()"},
		{"func(x int) int { return x }(2)", "show func(x int) int { return x }(2)"},
		{"fmt.Println(1)", "stmt fmt.Println(1)"},
		{"x", "show x"},
		{"a, b := 1, 2\na + b", "var var a, b = 1, 2 | show a + b"},
		{"if x := 1; x > 0 {\n}", "stmt if x := 1; x > 0 { }"},
		{"L:\n\tfor {\n\t\tbreak L\n\t}", "stmt L: for { break L }"},
		{"println(1)", "stmt println(1)"},
		{"log.Print(1)", "stmt log.Print(1)"},
		{"import f \"fmt\"\nf.Sprint(1)", `import "fmt" | show f.Sprint(1)`},
	}
	for _, tc := range cases {
		c, err := Parse(tc.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.src, err)
			continue
		}
		if got := describe(c); got != tc.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

func TestSyntaxErrorPositions(t *testing.T) {
	cases := []struct{ src, want string }{
		{"x := 1\ny := )", "cell:2:6: expected operand, found ')'"},
		{"func f() {\n\treturn 1 +\n}", "cell:3:1: expected operand, found '}'"},
		{"fmt.Println(\"a)", "cell:1:13: string literal not terminated"},
		{"  x := [", "cell:1:9: expected operand, found 'EOF'"},
	}
	for _, tc := range cases {
		_, err := Parse(tc.src)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q) = %v, want %s", tc.src, err, tc.want)
		}
	}
}

func TestTraceback(t *testing.T) {
	e := &Error{Kind: "compile error", Line: 2, Col: 5, Msg: "undefined: y"}
	got := strings.Join(e.Traceback("x := 1\nx = y + 1"), "\n")
	want := "cell:2:5: undefined: y\n    x = y + 1\n        ^"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFromInterpreter(t *testing.T) {
	cases := []struct{ msg, src, want string }{
		{"cell:4:13: undefined: zz", "", "cell:3:13: undefined: zz"},
		{"cell:4: undefined: zz", "a\nb\n  f(zz)", "cell:3:5: undefined: zz"},
		{"1:28: undefined: min", "", "undefined: min"},
		{"cell:2:1: cell:2:9: cannot use x", "", "cell:1:9: cannot use x"},
	}
	for _, tc := range cases {
		e := FromInterpreter(tc.msg, "compile error")
		e.FindColumn(tc.src)
		if e.Error() != tc.want {
			t.Errorf("FromInterpreter(%q) = %s, want %s", tc.msg, e, tc.want)
		}
	}
}

// TestPasses shows each rewrite before and after.
func TestPasses(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"main", "func main() { main() }", "decl func _gk_main() { _gk_main() }"},
		{"rangeint literal", "for i := range 3 { f(i) }",
			"stmt { _gk_n1 := 3 for _gk_i2 := _gk_n1 - _gk_n1; _gk_i2 < _gk_n1; _gk_i2++ { i := _gk_i2 f(i) } }"},
		{"rangeint local", "n := 2\nfor range n { }",
			"var var n = 2 | stmt { _gk_n1 := n for _gk_i2 := _gk_n1 - _gk_n1; _gk_i2 < _gk_n1; _gk_i2++ { } }"},
		{"range slice untouched", "s := []int{1}\nfor i := range s { f(i) }", "var var s = []int{1} | stmt for i := range s { f(i) }"},
		{"select assign", "select {\ncase r, ok = <-c:\n\tf(r)\n}",
			"stmt select { case _gk_v1, _gk_v2 := <-c: r, ok = _gk_v1, _gk_v2 f(r) }"},
		{"loopvar 3-clause", "for i := 0; i < 3; i++ {\n\tif i == 1 {\n\t\tcontinue\n\t}\n\tgo func() { f(i) }()\n}",
			"stmt for _gk_i_1 := 0; _gk_i_1 < 3; _gk_i_1++ { i := _gk_i_1 if i == 1 { { _gk_i_1 = i continue } } go func() { f(i) }() _gk_i_1 = i }"},
		{"loopvar not captured", "for i := 0; i < 3; i++ { f(i) }", "stmt for i := 0; i < 3; i++ { f(i) }"},
		{"loopvar range", "for k, v := range m { fs = append(fs, func() { f(k, v) }) }",
			"stmt for _gk_k_1, _gk_v_2 := range m { func() { k, v := _gk_k_1, _gk_v_2; _gk_f3 := func() { f(k, v) }; fs = append(fs, _gk_f3) }() }"},
		{"closure arg", "func g() { time.AfterFunc(d, func() { f() }) }",
			"decl func g() { _gk_f1 := func() { f() }; time.AfterFunc(d, _gk_f1) }"},
		{"defer args", "func g() { defer fmt.Println(\"x\", x) }",
			"decl func g() { _gk_a1 := x; defer fmt.Println(\"x\", _gk_a1) }"},
		{"builtins", "min(1, f) + max(a, 2.5, 1)", "show _gk_min(f, 1) + _gk_max(a, 2.5, 1)"},
		{"clear println", "clear(m)\nprintln(1)", "stmt _gkrt.Clear(m) | stmt _gkrt.Println(1)"},
		{"own min kept", "func min(a, b int) int { return a }\nmin(1, 2)", "decl func min(a, b int) int { return a } | show min(1, 2)"},
		{"var order", "var a = b + 1\nvar b = f()\nfunc f() int { return 1 }",
			"decl func f() int { return 1 } | decl var b = f() | decl var a = b + 1"},
		{"chan slice", "func m(cs ...<-chan int) { for _, c := range cs { use(c) } }",
			"decl func m(cs ...<-chan int) { for _gk_k1 := range cs { c := cs[_gk_k1] use(c) } }"},
	}
	for _, tc := range cases {
		c, err := Parse(tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		// The scheduler passes have their own table (TestSchedulerPasses):
		// they touch every loop and would hide what these show.
		if err := runPasses(c, Env{}, func(name string) bool { return name != "goroutines" && name != "interrupt" }); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		got := describe(c)
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func runPasses(c *Cell, env Env, keep func(string) bool) error {
	for _, p := range passes {
		if keep(p.Name) {
			if err := p.Run(c, env); err != nil {
				return err
			}
		}
	}
	return nil
}

// TestSchedulerPasses shows how goroutines start and where an interrupt can
// stop them.
func TestSchedulerPasses(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"go call binds args", "go worker(i, jobs, 3)",
			"stmt _gkrt.GoCall(\"\", \"worker\", worker, i, jobs, 3)"},
		{"go func literal", "go func(n int) { f(n) }(x)",
			"stmt _gkrt.GoCall(\"\", \"func literal\", func(n int) { f(n) }, x)"},
		{"go builtin", "go close(ch)", "stmt { _gk_a1 := ch _gkrt.Go(\"\", \"close\", func() { close(_gk_a1) }) }"},
		{"go variadic", "go f(xs...)", "stmt _gkrt.GoCallSlice(\"\", \"f\", f, xs)"},
		{"loop frame", "for i := 0; i < 3; i++ { go func() { f(i) }() }",
			"stmt for i := 0; i < 3; i++ { _gkrt.Poll() func() { _gkrt.GoCall(\"\", \"func literal\", func() { f(i) }) }() }"},
		{"no loop frame with continue", "for i := 0; i < 3; i++ { if i == 1 { continue }; go g(i) }",
			"stmt for i := 0; i < 3; i++ { _gkrt.Poll() if i == 1 { continue } _gkrt.GoCall(\"\", \"g\", g, i) }"},
		{"for polls first", "for { f() }", "stmt for { _gkrt.Poll() f() }"},
		{"range polls last and before continue", "for _, v := range s { if v { continue }; f(v) }",
			"stmt for _, v := range s { if v { _gkrt.Poll() continue } f(v) _gkrt.Poll() }"},
		{"empty select blocks", "select {}", "stmt _gkrt.Block()"},
		{"select gets a done case", "select { case v := <-c: f(v) }",
			"stmt select { case v := <-c: f(v) case <-_gkrt.DoneAt(\"\"): _gkrt.Interrupt() }"},
		{"select with default untouched", "select { case <-c: default: }", "stmt select { case <-c: default: }"},
		{"receive statement", "<-done\nf()", "stmt select { case <-done: case <-_gkrt.DoneAt(\"\"): _gkrt.Interrupt() } | show f()"},
		{"send statement", "ch <- j*j", "stmt { _gk_s1 := j * j select { case ch <- _gk_s1: case <-_gkrt.DoneAt(\"\"): _gkrt.Interrupt() } }"},
		{"send constant", "ch <- 1", "stmt select { case ch <- 1: case <-_gkrt.DoneAt(\"\"): _gkrt.Interrupt() }"},
		{"assign from receive", "v, ok = <-ch",
			"stmt select { case _gk_v1, _gk_v2 := <-ch: v, ok = _gk_v1, _gk_v2 case <-_gkrt.DoneAt(\"\"): _gkrt.Interrupt() }"},
	}
	keep := func(name string) bool { return name == "goroutines" || name == "interrupt" || name == "loopframe" }
	for _, tc := range cases {
		c, err := Parse(tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if err := runPasses(c, Env{}, keep); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := describe(c); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestUnsupported(t *testing.T) {
	for _, src := range []string{
		"for x := range func(yield func(int) bool) {} { _ = x }",
		"f := func(yield func(int) bool) {}\nfor x := range f { _ = x }",
	} {
		c, err := Parse(src)
		if err == nil {
			err = Rewrite(c, Env{})
		}
		if err == nil || !strings.Contains(err.Error(), "not supported") {
			t.Errorf("%q: got %v, want an error naming the unsupported feature", src, err)
		}
	}
}

func TestPrintKeepsLines(t *testing.T) {
	c, err := Parse("x := 1\n\n\nfunc f() {\n\ty := 2\n}\n")
	if err != nil {
		t.Fatal(err)
	}
	src := c.PrintDecls()
	if strings.Contains(src, "//line") {
		t.Errorf("a printed chunk has a //line directive:\n%s", src)
	}
	// func f() is on cell line 4, y := 2 on line 5.
	for l, want := range map[int]int{1: 4, 2: 5, 3: 6} {
		if got := CellLine(ChunkLine(src, l)); got != want {
			t.Errorf("chunk line %d maps to cell line %d, want %d, in\n%s", l, got, want, src)
		}
	}
}
