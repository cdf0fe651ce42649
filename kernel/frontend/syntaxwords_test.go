package frontend

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// goBuildErrors builds each program in its own package of one temporary
// module, with one `go build`, and returns each program's first error as
// "line:col: message" (continuation lines joined with "\n"), leaving out
// Go's unused-variable errors, which the kernel allows.
func goBuildErrors(t *testing.T, programs []string) []string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module words\n\ngo 1.26\n"), 0o644)
	for i, p := range programs {
		d := filepath.Join(dir, fmt.Sprintf("p%d", i))
		os.Mkdir(d, 0o755)
		os.WriteFile(filepath.Join(d, "main.go"), []byte(p), 0o644)
	}
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", os.DevNull, "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	out, _ := cmd.CombinedOutput()
	first := make([]string, len(programs))
	re := regexp.MustCompile(`^p(\d+)[/\\]main\.go:(\d+:\d+): (.*)$`)
	last := -1
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "\t") && last >= 0 {
			first[last] += "\n" + l
			continue
		}
		last = -1
		m := re.FindStringSubmatch(l)
		if m == nil || strings.HasPrefix(m[3], "declared and not used") {
			continue
		}
		i, _ := strconv.Atoi(m[1])
		if first[i] == "" {
			first[i] = m[2] + ": " + m[3]
			last = i
		}
	}
	return first
}

// TestSyntaxWordsMatchGoBuild compares the kernel's syntax errors for
// common mistakes with `go build`'s for the same code in a file: the same
// words at the same line and column.
func TestSyntaxWordsMatchGoBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	cells := []string{
		"x := 1\nfmt.Println(x))", // a stray )
		"fmt.Println(1",           // a missing )
		"if x > 1 {\n\tfmt.Println(x)\n}\nelse {\n\tfmt.Println(0)\n}",
		"xs := []int{1, 2 3}", // a missing comma
		"fmt.Println(1 2)",
		"fmt.Println(1,\n2\n)",          // a call split before its )
		"if x = 1 {\n}",                 // = for ==
		"for (i := 0; i < 3; i++) {\n}", // C's parentheses
		"var y := 1",                    // := in a var declaration
		"for i := 0; i < 3; i++; {\n}",
		"for i := 0; i < 3; i++\n\tfmt.Println(i)",
		"s := \"abc", // an unterminated string
		"s := 'abc'", // single quotes for a string
		"r := ''",
		"y := 1 2",
		"x++ x++",
		"if x == {\n}",
		"x := 1\n)",
		"type := 1",
		"if x > 1 {\n} else fmt.Println(1)",
		"func f() {\n\tfunc g() {}\n}",
		"func f() int, error { return 0, nil }",
		"func f(a int b int) {}",
		"type T struct{} int",
	}
	var programs []string
	var offsets []int
	for _, cell := range cells {
		head := "package main\n\nimport \"fmt\"\n\nvar _ = fmt.Println\nvar x = 0\n\n"
		if strings.HasPrefix(cell, "func ") || strings.HasPrefix(cell, "type ") && !strings.HasPrefix(cell, "type :=") {
			programs = append(programs, head+cell+"\n\nfunc main() {}\n")
			offsets = append(offsets, strings.Count(head, "\n"))
		} else {
			programs = append(programs, head+"func main() {\n"+cell+"\n}\n")
			offsets = append(offsets, strings.Count(head, "\n")+1)
		}
	}
	want := goBuildErrors(t, programs)
	for i, cell := range cells {
		_, err := Parse(cell)
		got := "no error"
		if e, ok := err.(*Error); ok {
			got = fmt.Sprintf("%d:%d: %s", e.Line+offsets[i], e.Col, e.Msg)
		}
		if got != want[i] {
			t.Errorf("%q:\n kernel   %s\n go build %s", cell, got, want[i])
		}
	}
}
