package engine

import (
	"context"
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

// TestCompileErrorsInGoWords compares the kernel's compile errors for
// common mistakes with `go build`'s for the same code in a file: the type
// checker's words (gc's) and position replace yaegi's. Mistakes Go refuses
// and the kernel allows by design (an unused variable or import) stay
// allowed: the checker words errors, it does not add any.
func TestCompileErrorsInGoWords(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	cases := []struct {
		imports, decls, stmts string
		allowed               bool // Go refuses it, the kernel runs it
	}{
		{stmts: "fmt.Println(y)"},
		{stmts: "a := 1\ns := \"a\"\nfmt.Println(a + s)"},
		{stmts: "a := 1\nb := 2.5\nfmt.Println(a * b)"},
		{stmts: "var n int = \"hello\"\nfmt.Println(n)"},
		{stmts: "n := 1\nn = \"a\"\nfmt.Println(n)"},
		{decls: "func add(a, b int) int { return a + b }", stmts: "fmt.Println(add(1))"},
		{decls: "func add(a, b int) int { return a + b }", stmts: "fmt.Println(add(1, 2, 3))"},
		{decls: "func double(n int) int { return n * 2 }", stmts: "fmt.Println(double(\"x\"))"},
		{stmts: "n := 5\nn()"},
		{decls: "func f() int { return 1, 2 }"},
		{stmts: "s := \"abc\"\ns.Foo()"},
		{decls: "type P struct{ X int }", stmts: "p := P{}\nfmt.Println(p.Y)"},
		{stmts: "n := 1\nif n {\n\tfmt.Println(n)\n}"},
		{decls: "func f() { v := 1 }", allowed: true},
		{imports: "import \"os\"", allowed: true},
	}
	head := "package main\n\nimport \"fmt\"\n\nvar _ = fmt.Println\n\n"
	headLines := strings.Count(head, "\n")
	var programs []string
	for _, tc := range cases {
		p := head
		if tc.imports != "" {
			p = strings.Replace(p, "\n\nvar", "\n"+tc.imports+"\n\nvar", 1)
		}
		if tc.decls != "" {
			p += tc.decls + "\n"
		}
		programs = append(programs, p+"func main() {\n"+tc.stmts+"\n}\n")
	}
	want := goBuildFirstErrors(t, programs)
	s := newSession(t)
	s.e.Execute(context.Background(), "import \"fmt\"")
	cellPos := regexp.MustCompile(`^cell:(\d+):(\d+): `)
	for i, tc := range cases {
		cell := strings.Trim(tc.imports+"\n"+tc.decls+"\n"+tc.stmts, "\n")
		r := s.e.Execute(context.Background(), cell)
		s.out.take()
		s.err.take()
		if tc.allowed {
			if r.Err != nil || !strings.Contains(want[i], "not used") {
				t.Errorf("%q: kernel %v, go build %q: want the kernel to allow what go build refuses", cell, r.Err, want[i])
			}
			continue
		}
		if r.Err == nil {
			t.Errorf("%q: no error; go build says %s", cell, want[i])
			continue
		}
		got := r.Err.Value
		if m := cellPos.FindStringSubmatch(got); m != nil {
			line, _ := strconv.Atoi(m[1])
			declLines := 0
			if tc.decls != "" {
				declLines = strings.Count(tc.decls, "\n") + 1
			}
			if line > declLines {
				line++ // the program's func main line
			}
			got = fmt.Sprintf("%d:%s: %s", line+headLines, m[2], got[len(m[0]):])
		}
		if got != want[i] {
			t.Errorf("%q:\n kernel   %s\n go build %s", cell, got, want[i])
		}
	}
}

// goBuildFirstErrors builds each program in its own package of one
// temporary module, with one `go build`, and returns each one's first
// error as "line:col: message", continuation lines included.
func goBuildFirstErrors(t *testing.T, programs []string) []string {
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
		if m := re.FindStringSubmatch(l); m != nil {
			i, _ := strconv.Atoi(m[1])
			if first[i] == "" {
				first[i] = m[2] + ": " + m[3]
				last = i
			}
		}
	}
	return first
}
