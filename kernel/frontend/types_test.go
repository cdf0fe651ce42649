package frontend

import (
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/bundled"
	"github.com/gokernel/gokernel/kernel/stdlib"
)

// testPackages is the standard library as the engine gives it to the
// checker: the symbol tables and the kernel's generic sources.
var testPackages = sync.OnceValue(func() Packages {
	sources := map[string][]string{}
	for path, src := range stdlib.Sources() {
		sources[path] = []string{src}
	}
	return Packages{Tables: []map[string]map[string]reflect.Value{stdlib.Symbols(), bundled.Symbols}, Sources: sources}
})

// runSession runs cells through the checker as the engine does: check,
// then commit what the cell defined. A cell with a syntax error is nil.
func runSession(t testing.TB, s *Session, cells ...string) []*Cell {
	t.Helper()
	var out []*Cell
	for _, src := range cells {
		c, err := Parse(src)
		if err != nil {
			out = append(out, nil) // a cell meant to fail, say: it defines nothing
			continue
		}
		s.checkCell(c)
		s.CommitImports(c)
		s.CommitDecls(c)
		s.CommitVars(c, varNamesOf(c)...)
		out = append(out, c)
	}
	return out
}

func TestCheckerSession(t *testing.T) {
	s := NewSession(testPackages())
	cells := runSession(t, s,
		"import \"fmt\"\nimport \"time\"",
		"type Point struct{ X, Y int }\nfunc (p Point) Sum() int { return p.X + p.Y }",
		"func (p Point) String() string { return fmt.Sprint(p.X) }",
		"p := Point{1, 2}\nd := 3 * time.Second\nunused := 1",
		"p.Sum() + int(d.Seconds())",
		"fmt.Println(p.String(), d)",
		"var w = undefinedThing",
	)
	for i, c := range cells[:6] {
		if c.types == nil {
			t.Errorf("cell %d: check failed: %v", i, c.checkErrs)
		}
	}
	if cells[6].types != nil {
		t.Errorf("undefined name: check passed")
	}
	if got := cells[6].checkErrs; len(got) != 1 || !strings.Contains(got[0].Msg, "undefined: undefinedThing") {
		t.Errorf("errors %v", got)
	}
}

func varNamesOf(c *Cell) []string {
	var names []string
	for _, n := range c.Body {
		if g, ok := n.(*ast.GenDecl); ok {
			names = append(names, declNames(g)...)
		}
	}
	return names
}

// BenchmarkImport converts a package from the symbol tables, with every
// package its types mention, in a fresh session.
func BenchmarkImport(b *testing.B) {
	for _, p := range []string{"fmt", "net/http", "cmp", "slices"} {
		b.Run(strings.ReplaceAll(p, "/", "_"), func(b *testing.B) {
			cpu := cpuTime()
			for range b.N {
				s := NewSession(testPackages())
				if _, err := s.imp.Import(p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// BenchmarkCheck checks a small cell after 40 cells that declared 160
// types, methods, funcs and variables.
func BenchmarkCheck(b *testing.B) {
	s := NewSession(testPackages())
	cells := []string{"import (\"fmt\"; \"strings\")"}
	for i := range 40 {
		cells = append(cells, fmt.Sprintf("type T%d struct{ X int }\nfunc (t T%d) M() string { return strings.Repeat(\"x\", t.X) }\nv%d := T%d{%d}\nfunc F%d(a, b int) int { return a + b }", i, i, i, i, i, i))
	}
	runSession(b, s, cells...)
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		c, _ := Parse("for i := 0; i < 10; i++ {\n\tfmt.Println(v3.M(), F7(i, 2))\n}")
		s.checkCell(c)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCheckerAcceptsCorpus type-checks every corpus program (valid Go, one
// cell each): the checker must know the types of what the kernel runs.
func TestCheckerAcceptsCorpus(t *testing.T) {
	files, _ := filepath.Glob("../engine/testdata/corpus/*.go")
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	s := NewSession(testPackages())
	for _, f := range files {
		src, _ := os.ReadFile(f)
		// One session for all, each program's declarations committed: later
		// programs redefine earlier ones' names, as cells do.
		c := runSession(t, s, string(src))[0]
		switch {
		case c == nil:
			t.Errorf("%s: syntax error", filepath.Base(f))
		case c.types == nil:
			t.Errorf("%s: check failed: %v", filepath.Base(f), c.checkErrs)
		}
	}
}

// TestCheckerAcceptsLessons runs each lesson's cells through one session:
// every cell that is not meant to fail type-checks, with what earlier cells
// declared.
func TestCheckerAcceptsLessons(t *testing.T) {
	files, _ := filepath.Glob("../../lessons/*.md")
	if len(files) == 0 {
		t.Fatal("no lessons")
	}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		s := NewSession(testPackages())
		for i, block := range strings.Split(string(src), "```go")[1:] {
			header, body, _ := strings.Cut(block, "\n")
			body, _, _ = strings.Cut(body, "```")
			var lines []string
			for _, l := range strings.Split(body, "\n") {
				if strings.HasPrefix(l, "%") || strings.HasPrefix(l, "!") {
					if rest, ok := strings.CutPrefix(l, "%time "); ok {
						lines = append(lines, rest)
					}
					continue
				}
				lines = append(lines, l)
			}
			c := runSession(t, s, strings.Join(lines, "\n"))[0]
			if (c == nil || c.types == nil) && !strings.Contains(header, "raises-exception") {
				t.Errorf("%s, cell %d: check failed\n%s", filepath.Base(f), i+1, body)
			}
		}
	}
}

// TestCheckerSessionVariableTypes: a variable of an earlier cell is known
// by its type in later cells, whatever package the type comes from.
func TestCheckerSessionVariableTypes(t *testing.T) {
	p := testPackages()
	// os.Stdout as the engine gives it: a type of a package no table has.
	p.Tables = append(p.Tables, map[string]map[string]reflect.Value{
		"os/os": {"Stdout": reflect.ValueOf(&hostStdout).Elem()},
	})
	s := NewSession(p)
	cells := runSession(t, s,
		"import (\"os\"; \"net/http\"; \"strings\")",
		"w := os.Stdout\nreq, _ := http.NewRequest(\"GET\", \"http://x\", nil)\nr := strings.NewReader(\"x\")\nanon := struct{ a, b int }{1, 2}",
		"tls := req.TLS\nfunc use() { _ = w; _ = r; _ = anon.a }",
		"_ = tls.Version\nw.Write([]byte(\"x\"))\nr.Len() + anon.b",
	)
	for i, c := range cells {
		if c.types == nil {
			t.Errorf("cell %d: check failed: %v", i, c.checkErrs)
		}
	}
}

// hostStdout stands for the engine's os.Stdout, a type of its own package.
var hostStdout HostFile = &testFile{}

type HostFile interface{ Write([]byte) (int, error) }

type testFile struct{}

func (*testFile) Write(b []byte) (int, error) { return len(b), nil }

// BenchmarkCheckLessons checks each cell of the lessons after the cells
// before it (what a student running a lesson pays per cell), reporting the
// mean CPU time per cell, parsing included.
func BenchmarkCheckLessons(b *testing.B) {
	files, _ := filepath.Glob("../../lessons/*.md")
	type lesson struct {
		s     *Session
		cells []string
	}
	var lessons []lesson
	for _, f := range files {
		src, _ := os.ReadFile(f)
		l := lesson{s: NewSession(testPackages())}
		for _, block := range strings.Split(string(src), "```go")[1:] {
			_, body, _ := strings.Cut(block, "\n")
			body, _, _ = strings.Cut(body, "```")
			var lines []string
			for _, line := range strings.Split(body, "\n") {
				if !strings.HasPrefix(line, "%") && !strings.HasPrefix(line, "!") {
					lines = append(lines, line)
				}
			}
			l.cells = append(l.cells, strings.Join(lines, "\n"))
		}
		runSession(b, l.s, l.cells...) // the session as it stands at the end
		lessons = append(lessons, l)
	}
	b.ResetTimer()
	cpu, n := cpuTime(), 0
	for range b.N {
		for _, l := range lessons {
			for _, code := range l.cells {
				c, err := Parse(code)
				if err == nil {
					l.s.checkCell(c)
				}
				n++
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(n)/1e6, "cpu-ms/cell")
}
