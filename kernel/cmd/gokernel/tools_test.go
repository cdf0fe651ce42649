package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/lessons"
	"github.com/gokernel/gokernel/kernel/worker"
)

// The test binary doubles as the worker of the notebooks the tests run:
// with this variable set, TestMain serves fd 3 and 4 as "gokernel worker".
const workerEnv = "GOKERNEL_CMD_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) == "1" {
		if err := worker.Run(os.NewFile(3, "req"), os.NewFile(4, "ev")); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	workerCommand = func() *exec.Cmd {
		c := exec.Command(os.Args[0])
		c.Env = append(os.Environ(), workerEnv+"=1")
		return c
	}
	os.Exit(m.Run())
}

const fixtureLessons = "../../lessons/testdata"

func gk(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// buildFixture builds the fixture lesson's notebooks into a new directory.
func buildFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, out, errb := gk(t, "lessons", "build", "--lessons", fixtureLessons, "--notebooks", dir); code != 0 {
		t.Fatalf("lessons build: exit %d\n%s%s", code, out, errb)
	}
	return dir
}

func TestLessonsBuild(t *testing.T) {
	dir := buildFixture(t)
	student := filepath.Join(dir, "99-fixture.ipynb")
	teacher := filepath.Join(dir, "solutions", "99-fixture.ipynb")
	first, _ := os.ReadFile(student)
	firstT, _ := os.ReadFile(teacher)

	read := func(path string) *lessons.NB {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := lessons.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		return nb
	}
	nb := read(student)
	cell := func(nb *lessons.NB, src string) *lessons.NBCell {
		for i := range nb.Cells {
			if strings.HasPrefix(nb.Cells[i].Source, src) {
				return &nb.Cells[i]
			}
		}
		t.Fatalf("no cell %q", src)
		return nil
	}
	if c := cell(nb, `import "fmt"`); c.Count != 1 || len(c.Outputs) != 1 || c.Outputs[0].Text != "hello\n" {
		t.Errorf("first cell: count %d, outputs %+v", c.Count, c.Outputs)
	}
	if c := cell(nb, "%check sum"); errorOf(c.Outputs) == nil || errorOf(c.Outputs).EValue != "Sum([1 2 3 4]) = 0; want 10" {
		t.Errorf("student %%check sum: %+v", c.Outputs)
	}
	if c := cell(read(teacher), "%check count"); len(c.Outputs) != 1 || c.Outputs[0].Text != "✓ count: passed\n" {
		t.Errorf("teacher %%check count: %+v", c.Outputs)
	}

	// Building again changes no byte: the nondeterministic cell keeps its
	// stored output.
	if code, out, errb := gk(t, "lessons", "build", "--lessons", fixtureLessons, "--notebooks", dir); code != 0 || !strings.Contains(out, "unchanged") {
		t.Fatalf("second build: exit %d\n%s%s", code, out, errb)
	}
	if again, _ := os.ReadFile(student); !bytes.Equal(first, again) {
		t.Error("the student notebook changed on the second build")
	}
	if again, _ := os.ReadFile(teacher); !bytes.Equal(firstT, again) {
		t.Error("the teacher notebook changed on the second build")
	}

	if code, out, errb := gk(t, "lessons", "build", "--check", "--lessons", fixtureLessons, "--notebooks", dir); code != 0 {
		t.Fatalf("build --check of a fresh build: exit %d\n%s%s", code, out, errb)
	}
	tests := []struct {
		name   string
		change func(nb *lessons.NB)
		want   string
	}{
		{"an edited source", func(nb *lessons.NB) { cell(nb, "func Sum").Source = "func Sum(xs []int) int { return 1 }" }, "source differs"},
		{"a lost tag", func(nb *lessons.NB) { cell(nb, "%check sum").Tags = nil }, "tags []"},
		{"a cell too many", func(nb *lessons.NB) { nb.Cells = append(nb.Cells, lessons.NBCell{ID: "x", Type: "code"}) }, "not in the lesson"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := read(student)
			tt.change(nb)
			b, _ := lessons.Encode(nb)
			os.WriteFile(student, b, 0o644)
			defer os.WriteFile(student, first, 0o644)
			code, _, errb := gk(t, "lessons", "build", "--check", "--lessons", fixtureLessons, "--notebooks", dir)
			if code != 1 || !strings.Contains(errb, tt.want) {
				t.Fatalf("exit %d, want 1 and %q in:\n%s", code, tt.want, errb)
			}
		})
	}
	os.WriteFile(filepath.Join(dir, "stray.ipynb"), first, 0o644)
	if code, _, errb := gk(t, "lessons", "build", "--check", "--lessons", fixtureLessons, "--notebooks", dir); code != 1 || !strings.Contains(errb, "stray.ipynb: no lesson builds it") {
		t.Fatalf("a stray notebook: exit %d\n%s", code, errb)
	}
}

func TestRunCheck(t *testing.T) {
	dir := buildFixture(t)
	student := filepath.Join(dir, "99-fixture.ipynb")
	teacher := filepath.Join(dir, "solutions", "99-fixture.ipynb")
	orig, _ := os.ReadFile(student)
	if code, out, errb := gk(t, "run", "--check", "--lessons", fixtureLessons, student, teacher); code != 0 || strings.Count(out, "as stored") != 2 {
		t.Fatalf("run --check of fresh builds: exit %d\n%s%s", code, out, errb)
	}
	tests := []struct {
		name   string
		change func(nb *lessons.NB)
		code   int
		want   string
	}{
		{"a stored output that differs", func(nb *lessons.NB) { nb.Cells[1].Outputs[0].Text = "hullo\n" },
			1, "cell 2 (In[1]): the outputs differ (- stored, + now):\n      [stdout]\n    - hullo\n    + hello"},
		{"a nondeterministic cell's text is not compared", func(nb *lessons.NB) { nb.Cells[2].Outputs[0].Text = "42\n" }, 0, ""},
		{"an error not tagged", func(nb *lessons.NB) { nb.Cells[5].Tags = nil },
			1, "cell 6 (In[4]): unexpected error: CheckFailed: Sum([1 2 3 4]) = 0; want 10"},
		{"a tagged cell that raises nothing", func(nb *lessons.NB) { nb.Cells[1].Tags = []string{"raises-exception"} },
			1, "cell 2 (In[1]): tagged raises-exception, but it raised no error"},
		{"no stored outputs", func(nb *lessons.NB) { nb.Cells[1].Outputs, nb.Cells[1].Count = nil, 0 },
			1, "cell 2 (In[1]): the notebook stores no outputs for it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, _ := lessons.Decode(orig)
			tt.change(nb)
			b, _ := lessons.Encode(nb)
			os.WriteFile(student, b, 0o644)
			defer os.WriteFile(student, orig, 0o644)
			code, out, errb := gk(t, "run", "--check", "--lessons", fixtureLessons, student)
			if code != tt.code || !strings.Contains(errb, tt.want) {
				t.Fatalf("exit %d, want %d and %q in:\n%s%s", code, tt.code, tt.want, out, errb)
			}
		})
	}
}

func TestRunPrintsLikeATerminal(t *testing.T) {
	dir := buildFixture(t)
	code, out, errb := gk(t, "run", "--lessons", fixtureLessons, filepath.Join(dir, "99-fixture.ipynb"))
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errb)
	}
	for _, want := range []string{
		"In [1]: import \"fmt\"\n   ...: \n   ...: fmt.Println(\"hello\")\nhello\n",
		"In [4]: %check sum\n✗ sum: Sum([1 2 3 4]) = 0; want 10\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errb, "99-fixture.ipynb: 6 code cells in ") {
		t.Errorf("stderr: %s", errb)
	}
}

func TestLineDiff(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"x\n", "x\n", "    …"}, // (--check diffs only outputs that differ)
		{"a\nb\nc\n", "a\nB\nc\n", "      a\n    - b\n    + B\n      c"},
		{"", "new\n", "    + new"},
		{"1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\n4\n5\n6\nseven\n", "    …\n      5\n      6\n    - 7\n    + seven"},
	}
	for _, tt := range tests {
		if got := lineDiff(tt.a, tt.b); got != tt.want {
			t.Errorf("lineDiff(%q, %q):\n%s\nwant\n%s", tt.a, tt.b, got, tt.want)
		}
	}
}
