package lessons

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	course "github.com/gokernel/gokernel/lessons"
)

func TestParseInfo(t *testing.T) {
	tests := []struct {
		info    string
		want    Cell
		wantErr string
	}{
		{"", Cell{}, ""},
		{" raises-exception", Cell{Tags: []string{"raises-exception"}}, ""},
		{" nondeterministic raises-exception", Cell{Tags: []string{"nondeterministic", "raises-exception"}}, ""},
		{" exercise walk", Cell{Role: RoleExercise, Name: "walk"}, ""},
		{" solution walk", Cell{Role: RoleSolution, Name: "walk"}, ""},
		{" nondeterministic exercise walk", Cell{Role: RoleExercise, Name: "walk", Tags: []string{"nondeterministic"}}, ""},
		{` wrong walk expect="sent 9 values; the tree has 10"`,
			Cell{Role: RoleWrong, Name: "walk", Options: map[string]string{"expect": "sent 9 values; the tree has 10"}}, ""},
		{` wrong walk expect="say \"hi\""`, Cell{Role: RoleWrong, Name: "walk", Options: map[string]string{"expect": `say "hi"`}}, ""},
		{" check walk timeout=20s", Cell{Role: RoleCheck, Name: "walk", Options: map[string]string{"timeout": "20s"}}, ""},
		{` check walk timeout="20s"`, Cell{Role: RoleCheck, Name: "walk", Options: map[string]string{"timeout": "20s"}}, ""},
		{" exercise", Cell{}, "exercise needs an exercise name"},
		{" check walk exercise walk", Cell{}, "check and exercise in one block"},
		{` wrong walk expect="open`, Cell{}, "not closed"},
		{" check walk expect=x", Cell{}, "option expect= on a check block: only wrong blocks take expect=, check blocks timeout="},
		{" timeout=1s", Cell{}, "option timeout= on a plain block"},
	}
	for _, tt := range tests {
		t.Run(tt.info, func(t *testing.T) {
			got, err := parseInfo(tt.info)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []Cell
	}{
		{"text only", "# Title\n\nSome text.\n", []Cell{{Source: "# Title\n\nSome text."}}},
		{"text and code", "Intro\n```go\nx := 1\nx\n```\nAfter\n",
			[]Cell{{Source: "Intro"}, {Code: true, Source: "x := 1\nx", Line: 2}, {Source: "After"}}},
		{"tags", "```go raises-exception\npanic(1)\n```\n",
			[]Cell{{Code: true, Source: "panic(1)", Tags: []string{"raises-exception"}, Line: 1}}},
		{"other languages stay text", "```sh\nmake test\n```\n", []Cell{{Source: "```sh\nmake test\n```"}}},
		{"python stays text", "```python\nawait x\n```\n", []Cell{{Source: "```python\nawait x\n```"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := split(tt.md)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	ex := "```go exercise e\nstub\n```\n"
	sol := "```go solution e\nsol\n```\n"
	chk := "```go check e\nfunc check() error { return nil }\n```\n"
	tests := []struct {
		name, md, want string
	}{
		{"unclosed block", "text\n```go\nx := 1\n", "line 2: go block is not closed"},
		{"solution without exercise", sol, "line 1: solution e: the lesson has no exercise e"},
		{"no check", ex + sol, "exercise e has no check block"},
		{"no solution", ex + chk, "exercise e has no solution block"},
		{"two exercises", ex + ex + sol + chk, "line 4: a second exercise e"},
		{"two checks", ex + sol + chk + chk, "a second check for e"},
		{"bad timeout", ex + sol + "```go check e timeout=soon\n```\n", `timeout="soon" is not a duration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x", tt.md)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}

func fixture(t *testing.T) *Lesson {
	t.Helper()
	b, err := os.ReadFile("testdata/99-fixture.md")
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse("99-fixture", string(b))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestExercises(t *testing.T) {
	l := fixture(t)
	if len(l.Exercises) != 2 {
		t.Fatalf("%d exercises, want 2", len(l.Exercises))
	}
	sum, count := l.Exercise("sum"), l.Exercise("count")
	if sum == nil || count == nil {
		t.Fatal("sum or count missing")
	}
	if len(sum.Wrongs) != 2 || Expect(sum.Wrongs[0]) != "Sum([1 2 3 4]) = 9; want 10" || sum.Timeout != DefaultTimeout {
		t.Fatalf("sum: %d wrongs, expect %q, timeout %v", len(sum.Wrongs), Expect(sum.Wrongs[0]), sum.Timeout)
	}
	if count.Timeout != 2*time.Second || !strings.Contains(count.Check.Source, "func check() error") {
		t.Fatalf("count: timeout %v, check %q", count.Timeout, count.Check.Source)
	}
	if _, err := Find([]*Lesson{l}, "summ"); err == nil || !strings.Contains(err.Error(), `no exercise "summ"; did you mean sum?`) {
		t.Fatalf("Find(summ): %v", err)
	}
	if _, err := Find([]*Lesson{l}, "xyz"); err == nil || !strings.Contains(err.Error(), "the exercises are count, sum") {
		t.Fatalf("Find(xyz): %v", err)
	}
	if e, err := Find([]*Lesson{l}, "count"); err != nil || e != count {
		t.Fatalf("Find(count): %v", err)
	}
}

// what is in a notebook, one string per code cell: its tags and first line.
func codeCells(nb *NB) []string {
	var out []string
	for _, c := range nb.Cells {
		if c.Type == "code" {
			out = append(out, strings.Join(c.Tags, ",")+"|"+strings.SplitN(c.Source, "\n", 2)[0])
		}
	}
	return out
}

func TestStudentAndTeacherNotebooks(t *testing.T) {
	l := fixture(t)
	tests := []struct {
		name string
		nb   *NB
		want []string
	}{
		{"student", l.Student(), []string{
			`|import "fmt"`, `nondeterministic|import "time"`,
			"|func Sum(xs []int) int {", "raises-exception|%check sum",
			"|func Count(n int) <-chan int {", "raises-exception|%check count"}},
		{"teacher", l.Teacher(), []string{
			`|import "fmt"`, `nondeterministic|import "time"`,
			"|func Sum(xs []int) int {", "|%check sum",
			"|func Count(n int) <-chan int {", "|%check count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codeCells(tt.nb); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %q\nwant %q", got, tt.want)
			}
			var all strings.Builder
			for _, c := range tt.nb.Cells {
				all.WriteString(c.Source)
			}
			for _, never := range []string{"func check()", "i <= len(xs)", "i := 1; i < len(xs)"} {
				if strings.Contains(all.String(), never) {
					t.Errorf("%q is in the %s notebook", never, tt.name)
				}
			}
			hasTODO := strings.Contains(all.String(), "// TODO")
			if hasTODO != (tt.name == "student") {
				t.Errorf("%s notebook: has the stubs' // TODO: %v", tt.name, hasTODO)
			}
		})
	}
}

func TestEncodeIsStableAndDecodes(t *testing.T) {
	nb := fixture(t).Student()
	nb.Cells[1].Count = 1
	nb.Cells[1].Outputs = []Output{
		{Type: "stream", Name: "stdout", Text: "hello\nworld\n"},
		{Type: "execute_result", Data: map[string]any{"text/plain": "42"}},
		{Type: "error", EName: "CheckFailed", EValue: "no", Traceback: []string{"no"}},
	}
	a, err := Encode(nb)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Encode(nb)
	if string(a) != string(b) {
		t.Fatal("two encodings differ")
	}
	back, err := Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	if d := Diff(nb, back); len(d) > 0 {
		t.Fatalf("round trip: %v", d)
	}
	if !reflect.DeepEqual(back.Cells[1].Outputs[0], nb.Cells[1].Outputs[0]) || back.Cells[1].Count != 1 {
		t.Fatalf("outputs: %#v", back.Cells[1].Outputs)
	}
	var raw struct {
		Cells []struct {
			Outputs []map[string]any `json:"outputs"`
		} `json:"cells"`
	}
	json.Unmarshal(a, &raw)
	if raw.Cells[1].Outputs[1]["execution_count"] != 1.0 {
		t.Fatalf("execute_result: %v", raw.Cells[1].Outputs[1])
	}
}

func TestDiff(t *testing.T) {
	want := fixture(t).Student()
	tests := []struct {
		name   string
		change func(nb *NB)
		diff   string
	}{
		{"same", func(*NB) {}, ""},
		{"source", func(nb *NB) { nb.Cells[1].Source += "\nx := 1" }, "source differs"},
		{"tags", func(nb *NB) { nb.Cells[2].Tags = nil }, "tags []"},
		{"missing", func(nb *NB) { nb.Cells = nb.Cells[:3] }, "missing"},
		{"outputs are not compared", func(nb *NB) { nb.Cells[1].Outputs = []Output{{Type: "stream", Text: "x"}} }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fixture(t).Student()
			tt.change(got)
			d := strings.Join(Diff(want, got), "\n")
			if (tt.diff == "") != (d == "") || !strings.Contains(d, tt.diff) {
				t.Fatalf("diff %q, want %q", d, tt.diff)
			}
		})
	}
}

// The course's lessons parse, and notebooks/ holds what they build (sources,
// tags and structure; outputs are `gokernel run --check`'s).
func TestCourseLessonsBuild(t *testing.T) {
	all, err := All(course.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no lessons embedded")
	}
	root := filepath.Join("..", "..", "notebooks")
	for _, l := range all {
		for dir, nb := range map[string]*NB{root: l.Student(), filepath.Join(root, "solutions"): l.Teacher()} {
			if len(l.Exercises) == 0 && dir != root {
				continue // a lesson without exercises has no teacher notebook
			}
			path := filepath.Join(dir, l.Name+".ipynb")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%s: %v: run `gokernel lessons build`", path, err)
				continue
			}
			got, err := Decode(b)
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			if d := Diff(nb, got); len(d) > 0 {
				t.Errorf("%s is stale (run `gokernel lessons build`):\n%s", path, strings.Join(d, "\n"))
			}
		}
	}
}
