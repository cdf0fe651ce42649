package engine

import (
	"context"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// session is an engine whose stdout and stderr are *os.File pipes, as in the
// worker.
type session struct {
	t        *testing.T
	e        *Engine
	out, err *capture
}

type capture struct {
	t    *testing.T
	w    *os.File
	mu   sync.Mutex
	buf  strings.Builder
	read chan struct{} // a token after each read from the pipe
}

func newCapture(t *testing.T) *capture {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &capture{t: t, w: w, read: make(chan struct{}, 1)}
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := r.Read(b)
			c.mu.Lock()
			c.buf.Write(b[:n])
			c.mu.Unlock()
			select {
			case c.read <- struct{}{}:
			default: // a token is waiting already
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

// take returns what the pipe carried since the last take: it writes a
// marker and waits until the reader has read up to it (everything written
// before it has then arrived), for at most a minute.
func (c *capture) take() string {
	const mark = "\x00END\x00"
	io.WriteString(c.w, mark)
	deadline := time.NewTimer(time.Minute)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		s := c.buf.String()
		if i := strings.Index(s, mark); i >= 0 {
			c.buf.Reset()
			c.buf.WriteString(s[i+len(mark):])
			c.mu.Unlock()
			return s[:i]
		}
		c.mu.Unlock()
		select {
		case <-c.read:
		case <-deadline.C:
			c.t.Fatalf("output pipe: the marker written a minute ago has not arrived; so far %q", s)
		}
	}
}

func newSession(t *testing.T) *session {
	out, errc := newCapture(t), newCapture(t)
	e, err := New(Options{Stdout: out.w, Stderr: errc.w})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.w.Close(); errc.w.Close() })
	return &session{t: t, e: e, out: out, err: errc}
}

type cellRun struct {
	out, stderr, value, err string
}

func (s *session) run(code string) cellRun {
	r := s.e.Execute(context.Background(), code)
	o := cellRun{out: s.out.take(), stderr: s.err.take()}
	if r.Data != nil {
		o.value, _ = r.Data["text/plain"].(string)
	}
	if r.Err != nil {
		o.err = r.Err.Name + ": " + r.Err.Value
	}
	return o
}

func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

func TestBehaviours(t *testing.T) {
	type step struct {
		code                      string
		out, stderr, value, error string
		unordered                 bool
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"error positions in generated code", []step{
			{code: `import ("fmt"; "image/color")`},
			{code: "fmt.Println(color.RGBA{1, 2, 3, 4})", out: "{1 2 3 4}\n"},
			{code: "y := 2\nfmt.Println(y)\n\nfor i := 0; i < 2; i++ {\n\tfmt.Println(nope)\n}", out: "", error: "compile error: cell:5:14: undefined: nope"},
			{code: "go func() {\n\tfmt.Println(zz)\n}()", error: "compile error: cell:2:14: undefined: zz"},
			{code: "x := undefinedThing", error: "compile error: cell:1:6: undefined: undefinedThing"},
		}},
		{"var from an earlier cell's var", []step{
			{code: "a := 1"},
			{code: "b := a + 1\nb", value: "2"},
			{code: "var c int = b * 10\nc", value: "20"},
			{code: "var d = a\nfunc g() int { return 3 }\nd + g()", value: "4"},
			{code: "b := \"now a string\"\nb", value: `"now a string"`},
		}},
		{"mixed cell", []step{{code: "import \"fmt\"\nfunc sq(x int) int { return x * x }\nx := sq(3)\nfmt.Println(x)\nx + 1", out: "9\n", value: "10"}}},
		{"reimport and alias", []step{
			{code: `import "fmt"`},
			{code: "import \"fmt\"\nimport str \"strings\"\nfmt.Println(str.ToUpper(\"a\"))", out: "A\n"},
			{code: "import \"os\"\n1", value: "1"},
		}},
		{"main once", []step{
			{code: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n", out: "hello\n"},
			{code: "1 + 1", value: "2"},
			{code: "func main() { fmt.Println(\"again\") }", out: "again\n"},
			{code: "x := 3", out: ""},
		}},
		{"no stale values", []step{
			{code: "import \"fmt\"\nfor i := 0; i < 2; i++ {}"},
			{code: "fmt.Println(\"x\")", out: "x\n"},
			{code: "func f() {}\nf()"},
			{code: "s := \"hi\"\ns", value: `"hi"`},
			{code: "import \"strconv\"\nstrconv.Atoi(\"12\")", value: "(12, <nil>)"},
		}},
		{"loop variable closures", []step{
			{code: "import (\"fmt\"; \"sync\")\nvar wg sync.WaitGroup\nfor i := 0; i < 3; i++ {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); fmt.Println(i) }()\n}\nwg.Wait()", out: "0\n1\n2\n", unordered: true},
			{code: "import \"time\"\nfor _, s := range []string{\"a\", \"b\", \"c\"} {\n\twg.Add(1)\n\ttime.AfterFunc(time.Millisecond, func() { defer wg.Done(); fmt.Println(s) })\n}\nwg.Wait()", out: "a\nb\nc\n", unordered: true},
			{code: "var fs []func()\nfor i := 0; i < 3; i++ {\n\tif i == 1 { i++; continue }\n\tfs = append(fs, func() { fmt.Println(i) })\n}\nfor _, f := range fs { f() }", out: "0\n"},
		}},
		{"min max clear", []step{
			{code: "min(3, 1, 2)", value: "1"},
			{code: "f := 2.5\nmax(1, f)", value: "2.5"},
			{code: "m := map[string]int{\"a\": 1}\nclear(m)\nlen(m)", value: "0"},
			{code: `min("b", "a")`, value: `"a"`},
		}},
		{"range over int", []step{
			{code: "import \"fmt\"\nfor i := range 3 { fmt.Print(i) }", out: "012"},
			{code: "n := 2\nfor i := range n { fmt.Print(i) }\nfor range n { fmt.Print(\"x\") }", out: "01xx"},
			{code: "for i := range n + 1 { i += 10; fmt.Print(i, \" \") }", out: "10 11 12 "},
		}},
		{"select assign", []step{
			{code: "import \"fmt\"\nc := make(chan int, 1)\nc <- 7\nvar r int\nvar ok bool\nselect {\ncase r, ok = <-c:\n}\nfmt.Println(r, ok)", out: "7 true\n"},
			{code: "c <- 8\nselect {\ncase r = <-c:\n}\nr", value: "8"},
		}},
		{"println to stderr", []step{{code: "println(\"hi\", 1, true)", stderr: "hi 1 true\n"}}},
		{"errors", []step{
			{code: "x := 1\ny := )", error: "syntax error: cell:2:6: syntax error: unexpected ), expected expression"},
			{code: "import \"fmt\"\n\nfmt.Println(undefinedThing)", error: "compile error: cell:3:13: undefined: undefinedThing"},
			{code: "panic(\"boom\")", error: "panic: boom"},
			{code: "import \"os\"\nos.Exit(3)", error: "exit: exit status 3"},
		}},
		{"range over func and exits", []step{
			{code: "f := func(yield func(int) bool) { _ = yield(1) && yield(2) }\nfor x := range f {\n\tprintln(x)\n}", stderr: "1\n2\n"},
			{code: "import \"log\"\nlog.SetFlags(0)\nlog.Fatal(\"bad\")", stderr: "bad\n", error: "exit: exit status 1"},
			{code: "import \"os\"\nfmt := 1\nos.Exit(0)", error: ""},
		}},
		{"redefinition with several callers", []step{
			{code: "func f() int { return 1 }\nfunc g() int { return f() }"},
			{code: "func h() int { return f() + 1 }"},
			{code: "func f() int { return 2 }", stderr: "note: f is redefined, but g, h (defined in earlier cells) still call the old f; re-run the cells that define them to use the new one\n"},
		}},
		{"redefinition", []step{
			{code: "func f() int { return 1 }\nfunc g() int { return f() }"},
			{code: "func f() int { return 2 }", stderr: "note: f is redefined, but g (defined in an earlier cell) still calls the old f; re-run the cell that defines it to use the new one\n"},
			{code: "f()", value: "2"},
			{code: "type T int\nfunc (T) M() int { return 1 }"},
			{code: "type T int\nfunc (T) M() int { return 1 }"},
			{code: "func (T) M() int { return 2 }", error: "compile error: cell:1:10: method T.M is already defined by an earlier cell and the interpreter cannot redefine it (it would keep the old one); restart the kernel to change it"},
			// Unchanged definitions on other lines are not redefinitions.
			{code: "// moved\ntype T int\n\nfunc (T) M() int { return 1 }"},
			{code: "type T struct{}", error: "compile error: cell:1:6: type T is already defined by an earlier cell and the interpreter cannot redefine it (it would keep the old one); restart the kernel to change it"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t)
			for i, st := range tc.steps {
				o := s.run(st.code)
				if st.unordered {
					o.out, st.out = sortedLines(o.out), sortedLines(st.out)
				}
				if o.out != st.out || o.stderr != st.stderr || o.value != st.value || o.err != st.error {
					t.Errorf("step %d %q:\n got out=%q stderr=%q value=%q err=%q\nwant out=%q stderr=%q value=%q err=%q",
						i, st.code, o.out, o.stderr, o.value, o.err, st.out, st.stderr, st.value, st.error)
				}
			}
		})
	}
}

func TestErrorTraceback(t *testing.T) {
	s := newSession(t)
	r := s.e.Execute(context.Background(), "import \"fmt\"\n\nfmt.Println(undefinedThing)")
	s.out.take()
	s.err.take()
	if r.Err == nil {
		t.Fatal("no error")
	}
	want := []string{"cell:3:13: undefined: undefinedThing", "    fmt.Println(undefinedThing)", "                ^"}
	if r.Err.Name != "compile error" || strings.Join(r.Err.Traceback, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %s %q", r.Err.Name, r.Err.Traceback)
	}
	// A syntax error runs nothing of the cell.
	r = s.e.Execute(context.Background(), "x := 1\nfmt.Println(\"ran\")\ny := )")
	if out := s.out.take(); out != "" || r.Err == nil || r.Err.Name != "syntax error" {
		t.Errorf("syntax error cell printed %q, err %+v", out, r.Err)
	}
	s.err.take()
}
