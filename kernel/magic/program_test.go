package magic

import (
	"strconv"
	"strings"
	"testing"
)

// lineOf is the 1-based line of main.go that holds s.
func lineOf(t *testing.T, p *program, s string) int {
	t.Helper()
	for i, l := range strings.Split(p.src, "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("no %q in\n%s", s, p.src)
	return 0
}

func TestProgramFromCells(t *testing.T) {
	hist := []histCell{
		{cell: "In[1]", src: []string{"import (\n\t\"fmt\"\n\t\"os\"\n)\nfunc twice(x int) int { return 2 * x }"}},
		{cell: "In[2]", src: []string{"\n\nlimit := twice(3)"}},                  // a piece starting on line 3
		{cell: "In[3]", src: []string{"func twice(x int) int { return x + x }"}}, // the later definition wins
	}
	p, err := buildProgram("In[4]", "import \"strings\"\n\nfmt.Println(limit, strings.ToUpper(\"a\"))\nx := 1", 2, hist)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"import \"fmt\"", "import \"strings\"", "var limit = twice(3)", "return x + x", "func main() {"} {
		if !strings.Contains(p.src, want) {
			t.Errorf("no %q in\n%s", want, p.src)
		}
	}
	for _, absent := range []string{"\"os\"", "return 2 * x"} {
		if strings.Contains(p.src, absent) {
			t.Errorf("%q in\n%s", absent, p.src)
		}
	}
	// every copied line maps back to its cell and line, columns included
	if o := p.at(lineOf(t, p, "var limit")); o.cell != "In[2]" || o.line != 3 {
		t.Errorf("var limit comes from %+v", o)
	}
	if o := p.at(lineOf(t, p, "x := 1")); o.cell != "In[4]" || o.line != 5 || o.shift != 0 {
		t.Errorf("x := 1 comes from %+v", o)
	}
	m := newMapper(p, "/tmp/gokernel-run-1")
	l := lineOf(t, p, "x := 1")
	for in, want := range map[string]string{
		"./main.go:" + strconv.Itoa(l) + ":1: declared and not used: x":   "In[4]:5:1: declared and not used: x",
		"\t/tmp/gokernel-run-1/main.go:" + strconv.Itoa(l) + " +0x1d":     "\tIn[4]:5 +0x1d",
		"main.go:" + strconv.Itoa(lineOf(t, p, "var limit")) + ":13: bad": "In[2]:3:10: bad", // `limit := ` became `var limit = `
		"/usr/local/go/src/runtime/proc.go:283 +0x28":                     "/usr/local/go/src/runtime/proc.go:283 +0x28",
	} {
		if got := m.line(in); got != want {
			t.Errorf("%q mapped to %q, want %q", in, got, want)
		}
	}
}

// A cell that declares func main runs its statements before it, in init,
// as the kernel does; one with a package clause is main.go as it stands.
func TestProgramMainAndWholeFile(t *testing.T) {
	p, err := buildProgram("In[1]", "println(\"first\")\nfunc main() { println(\"main\") }", 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.src, "func init() {") || strings.Count(p.src, "func main()") != 1 {
		t.Errorf("program:\n%s", p.src)
	}
	src := "package main\n\nfunc main() {}\n"
	p, err = buildProgram("In[2]", src, 2, []histCell{{cell: "In[1]", src: []string{"func unused() {}"}}})
	if err != nil {
		t.Fatal(err)
	}
	if p.src != src+"\n" || p.at(1).line != 2 {
		t.Errorf("program %q, line 1 from %+v", p.src, p.at(1))
	}
}
