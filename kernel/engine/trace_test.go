package engine

import (
	"strings"
	"testing"
)

// A panic's stack names the cells and lines of the interpreted functions it
// unwound, as Go names files and lines.
func TestPanicStackInCellLines(t *testing.T) {
	s := newSession(t)
	tr := s.e.tracker
	defer tr.Leave()
	for i, code := range []string{
		`import "fmt"`,
		"func worker(n int) int {\n\tif n > 2 {\n\t\tpanic(fmt.Sprintf(\"bad n %d\", n))\n\t}\n\treturn n\n}",
		"func run() { worker(5) }",
	} {
		tr.Enter(tr.NewCell(code, i+1))
		s.run(code)
	}
	tr.Enter(tr.NewCell("last", 4))
	r := s.e.Execute(t.Context(), "x := 1\nrun()")
	if r.Err == nil {
		t.Fatal("no panic")
	}
	tb := strings.Join(r.Err.Traceback, "\n")
	for _, want := range []string{"panic: bad n 5", "main.worker(...)\n\tIn[2]:3", "main.run(...)\n\tIn[3]:1", "main.main(...)\n\tIn[4]:2"} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
}

func TestTraceLinePattern(t *testing.T) {
	tests := []struct{ line, pos, fn string }{
		{"2:5: panic: main.worker(...)\n", "2", "main.worker"},
		{"1:28: panic: main(...)", "1", "main"},
		{"_.go:7: panic: main.f.func(...)", "7", "main.f.func"},
		{"cell:3:1: panic: main.g(...)", "3", "main.g"},
	}
	for _, tt := range tests {
		m := traceRE.FindStringSubmatch(tt.line)
		if m == nil || m[1] != tt.pos || m[2] != tt.fn {
			t.Errorf("%q: got %q", tt.line, m)
		}
	}
}
