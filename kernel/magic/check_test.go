package magic

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gokernel/gokernel/kernel/lessons"
	course "github.com/gokernel/gokernel/lessons"
)

// cellRunner runs cells one after another as the worker does: each in a
// cell of its own, counted In[1], In[2], …
type cellRunner struct {
	r *Runner
	n int
}

func (c *cellRunner) run(code string) Result {
	c.n++
	// IDs are unique in the process, as execute_request ids are: a dump
	// names a goroutine's cell by its ID, whichever tracker made it.
	cell := c.r.Tracker.NewCell(fmt.Sprintf("%p-%d", c, c.n), c.n)
	var res Result
	c.r.Tracker.Run(cell, func() { res = c.r.Run(context.Background(), code) })
	return res
}

// runExercise runs the lesson's code cells that come before the %check of
// ex, with variant in place of ex's stub (earlier exercises get their
// solutions), then %check; it returns the %check's result and what it
// printed. A cell not meant to fail that fails is the test's failure.
func runExercise(t *testing.T, lessonsFS fs.FS, l *lessons.Lesson, ex *lessons.Exercise, variant string) (Result, string) {
	t.Helper()
	r, out, _ := newRunner(t)
	r.Lessons = lessonsFS
	cr := &cellRunner{r: r}
	for _, c := range l.Teacher().Cells {
		if c.Type != "code" {
			continue
		}
		src := c.Source
		if strings.TrimSpace(src) == "%check "+ex.Name {
			out.take()
			res := cr.run(src)
			return res, out.take()
		}
		if strings.TrimSpace(src) == strings.TrimSpace(ex.Solution.Source) {
			src = variant
		}
		if outsideSession(src) || c.Has(lessons.TagRaises) {
			// A cell meant to fail defines nothing the exercise needs, and
			// one that deadlocks would hang here: nothing in this runner
			// watches for deadlocks as the worker does.
			continue
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(src), "%%timeline"); ok {
			// Its cell's code, untraced: one execution tracer per process,
			// and these cases run in parallel.
			_, src, _ = strings.Cut(rest, "\n")
		}
		if res := cr.run(src); res.Err != nil && !strings.HasPrefix(strings.TrimSpace(src), "%check") {
			t.Fatalf("%s: a cell before %%check %s failed: %s: %s\n%s", l.Name, ex.Name, res.Err.Name, res.Err.Value, src)
		}
	}
	t.Fatalf("%s: no cell runs %%check %s", l.Name, ex.Name)
	return Result{}, ""
}

// outsideSession reports whether a cell does its work outside the session
// (a program built with the Go toolchain, a module download, a shell line):
// the exercises cannot depend on it, and the test runner has no toolchain
// directory or module session for it.
func outsideSession(src string) bool {
	head := strings.TrimSpace(src)
	for _, p := range []string{"%%run", "%%race", "%go ", "!"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// exerciseCases runs every exercise of the lessons in fsys: the solution
// passes, the stub and each wrong solution fail (with its expect text).
func exerciseCases(t *testing.T, fsys fs.FS) {
	all, err := lessons.All(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		if len(l.Exercises) == 0 {
			t.Logf("%s has no exercise yet", l.Name)
		}
		for _, ex := range l.Exercises {
			if len(ex.Wrongs) == 0 {
				t.Errorf("%s: exercise %s has no wrong solution", l.Name, ex.Name)
			}
			t.Run(l.Name+"/"+ex.Name+"/solution", func(t *testing.T) {
				t.Parallel()
				res, out := runExercise(t, fsys, l, ex, ex.Solution.Source)
				if res.Err != nil {
					t.Fatalf("the solution fails its check: %s: %s\n%s", res.Err.Name, res.Err.Value, strings.Join(res.Err.Traceback, "\n"))
				}
				if want := "✓ " + ex.Name + ": passed\n"; out != want {
					t.Fatalf("printed %q, want %q", out, want)
				}
			})
			t.Run(l.Name+"/"+ex.Name+"/stub", func(t *testing.T) {
				t.Parallel()
				if res, _ := runExercise(t, fsys, l, ex, ex.Stub.Source); res.Err == nil || res.Err.Name != CheckFailed {
					t.Fatalf("the stub passes its check (or fails otherwise): %+v", res.Err)
				}
			})
			for i, w := range ex.Wrongs {
				t.Run(fmt.Sprintf("%s/%s/wrong%d", l.Name, ex.Name, i+1), func(t *testing.T) {
					t.Parallel()
					res, _ := runExercise(t, fsys, l, ex, w.Source)
					if res.Err == nil {
						t.Fatalf("wrong solution at %s.md:%d passes the check", l.Name, w.Line)
					}
					if res.Err.Name != CheckFailed {
						t.Fatalf("wrong solution at %s.md:%d: %s: %s, want a %s", l.Name, w.Line, res.Err.Name, res.Err.Value, CheckFailed)
					}
					if want := lessons.Expect(w); !strings.Contains(res.Err.Value, want) {
						t.Fatalf("wrong solution at %s.md:%d: the check says %q, want it to say %q", l.Name, w.Line, res.Err.Value, want)
					}
				})
			}
		}
	}
}

// The fixture lesson: a right Sum passes, an off-by-one fails with its
// message, one that indexes past the end fails naming the panic, and a
// Count that never closes its channel times out naming the blocked
// goroutines.
func TestCheckFixtureExercises(t *testing.T) {
	exerciseCases(t, os.DirFS("../lessons/testdata"))
}

// Every exercise of the course's lessons.
func TestCheckCourseExercises(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every lesson's cells")
	}
	exerciseCases(t, course.FS)
}

func TestCheckReportsTheBlockedGoroutines(t *testing.T) {
	fsys := os.DirFS("../lessons/testdata")
	all, err := lessons.All(fsys)
	if err != nil {
		t.Fatal(err)
	}
	l := all[0]
	ex := l.Exercise("count")
	res, _ := runExercise(t, fsys, l, ex, ex.Wrongs[0].Source)
	if res.Err == nil {
		t.Fatal("passed")
	}
	tb := strings.Join(res.Err.Traceback, "\n")
	for _, want := range []string{
		"count: timed out after 2s: your code is probably waiting forever (a deadlock?)",
		"The goroutines still blocked:",
		"[chan receive]:\nmain.check(...)", // check() ranging over the channel Count never closes
		// yaegi's range over a channel waits where only cancelling the
		// interpreter ends it
		"(the kernel stopped them, and had to stop every goroutine to do so",
	} {
		if !strings.Contains(tb, want) {
			t.Errorf("the report lacks %q:\n%s", want, tb)
		}
	}
}

func TestCheckPanicIsReportedInGoWords(t *testing.T) {
	fsys := os.DirFS("../lessons/testdata")
	all, _ := lessons.All(fsys)
	ex := all[0].Exercise("sum")
	res, _ := runExercise(t, fsys, all[0], ex, ex.Wrongs[1].Source)
	if res.Err == nil {
		t.Fatal("passed")
	}
	tb := strings.Join(res.Err.Traceback, "\n")
	want := "✗ sum: your code panicked: panic: runtime error: index out of range [4] with length 4\npanic: runtime error: index out of range [4] with length 4\n\ngoroutine "
	if !strings.HasPrefix(tb, want) || !strings.Contains(tb, "main.Sum(...)\n\tIn[3]:4\nmain.check(...)") || strings.Contains(tb, "exit status") {
		t.Fatalf("traceback:\n%s\nwant it to start with\n%s\nand name main.Sum at In[3]:4 called by main.check", tb, want)
	}
}

func TestCheckErrors(t *testing.T) {
	tests := []struct {
		cell, ename, want string
	}{
		{"%check summ", "magic error", `%check: no exercise "summ"; did you mean sum?`},
		{"%check nothing", "magic error", "the exercises are count, sum"},
		{"%check", "magic error", "%check needs one exercise name"},
		{"%check sum", CheckFailed, "the check cannot run with your code: cell:4:12: undefined: Sum"},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			r, _, _ := newRunner(t)
			r.Lessons = os.DirFS("../lessons/testdata")
			res := (&cellRunner{r: r}).run(tt.cell)
			if res.Err == nil || res.Err.Name != tt.ename || !strings.Contains(res.Err.Value, tt.want) {
				t.Fatalf("got %+v, want %s with %q", res.Err, tt.ename, tt.want)
			}
		})
	}
}

func TestRenameCheck(t *testing.T) {
	tests := []struct{ src, want, err string }{
		{"func check() error { return nil }", "func _gk_check() error { return nil }", ""},
		{"import \"fmt\"\n\nfunc chkSay() error { return fmt.Errorf(\"check\") }\nfunc check() error {\n\treturn chkSay()\n}",
			"import \"fmt\"\n\nfunc _gk_chkSay() error { return fmt.Errorf(\"check\") }\nfunc _gk_check() error {\n\treturn _gk_chkSay()\n}", ""},
		{"type chkT struct{ n int }\n\nfunc (t chkT) check() int { return t.n }\n\nvar chkV = chkT{1}\n\nfunc check() error { _ = chkV.check(); _ = Sum; return nil }",
			"type _gk_chkT struct{ n int }\n\nfunc (t _gk_chkT) check() int { return t.n }\n\nvar _gk_chkV = _gk_chkT{1}\n\nfunc _gk_check() error { _ = _gk_chkV.check(); _ = Sum; return nil }", ""},
		{"func check() error { var f = check; _ = f; return nil }", "func _gk_check() error { var f = _gk_check; _ = f; return nil }", ""},
		{"func chk() error { return nil }", "", "declares no func check() error"},
		{"func check() bool { return true }", "", "must be func check() error"},
	}
	for _, tt := range tests {
		got, err := renameCheck(tt.src)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q:\ngot  %q (%v)\nwant %q", tt.src, got, err, tt.want)
		}
	}
}

// A check blocked where the kernel can stop it (a plain receive, which the
// front-end makes interruptible) is stopped on the timeout, with the
// student's goroutine it waits for.
func TestCheckTimeoutStopsTheCheck(t *testing.T) {
	fsys := fstest.MapFS{"01-x.md": {Data: []byte("```go exercise wait\nfunc Wait() int { return 0 }\n```\n" +
		"```go solution wait\nfunc Wait() int { return 1 }\n```\n" +
		"```go check wait timeout=1s\nfunc check() error {\n\tif Wait() != 1 {\n\t\treturn nil\n\t}\n\treturn nil\n}\n```\n")}}
	r, _, _ := newRunner(t)
	r.Lessons = fsys
	cr := &cellRunner{r: r}
	if res := cr.run("func Wait() int {\n\tc := make(chan int)\n\tgo func() {\n\t\tselect {}\n\t}()\n\t<-c\n\treturn 1\n}"); res.Err != nil {
		t.Fatal(res.Err.Value)
	}
	res := cr.run("%check wait")
	if res.Err == nil || res.Err.Name != CheckFailed {
		t.Fatalf("got %+v", res.Err)
	}
	tb := strings.Join(res.Err.Traceback, "\n")
	for _, want := range []string{
		"✗ wait: timed out after 1s: your code is probably waiting forever (a deadlock?)",
		"[chan receive]:\nmain.Wait(...)\n\tIn[1]:6", // Wait, called by check
		"[select (no cases)]:", // Wait's goroutine
		"(the kernel stopped them)",
	} {
		if !strings.Contains(tb, want) {
			t.Errorf("the report lacks %q:\n%s", want, tb)
		}
	}
	if res := cr.run(`Wait2 := 3` + "\nWait2"); res.Err != nil {
		t.Fatalf("the session after a timed-out check: %s", res.Err.Value)
	}
}
