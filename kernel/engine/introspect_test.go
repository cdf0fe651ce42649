package engine

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/kernel/outcome"
)

func newEngine(t *testing.T, sink func(outcome.Display)) *Engine {
	t.Helper()
	e, err := New(Options{Display: sink})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func run(t *testing.T, e *Engine, code string) Result {
	t.Helper()
	r := e.Execute(context.Background(), code)
	if r.Err != nil {
		t.Fatalf("%q: %v %v", code, r.Err, r.Err.Traceback)
	}
	return r
}

func TestRichOut(t *testing.T) {
	e := newEngine(t, nil)
	run(t, e, `import "fmt"
type Bold struct{ S string }
func (b Bold) HTML() string { return "<b>" + b.S + "</b>" }
type Note string
func (n Note) Markdown() string { return "*" + string(n) + "*" }
type Dot struct{}
func (d *Dot) SVG() string { return "<svg/>" }
var _ = fmt.Sprint`)
	for _, tc := range []struct {
		code, mime, content, text string
	}{
		{`Bold{"hi"}`, "text/html", "<b>hi</b>", "{hi}"},
		{`Note("n")`, "text/markdown", "*n*", "n"},
		{`&Dot{}`, "image/svg+xml", "<svg/>", "&{}"},
		{`42`, "", "", "42"},
	} {
		r := run(t, e, tc.code)
		if r.Data["text/plain"] != tc.text {
			t.Errorf("%s: text/plain %q, want %q", tc.code, r.Data["text/plain"], tc.text)
		}
		if tc.mime != "" && r.Data[tc.mime] != tc.content {
			t.Errorf("%s: %s = %v, want %q (%v)", tc.code, tc.mime, r.Data[tc.mime], tc.content, r.Data)
		}
		if tc.mime == "" && len(r.Data) != 1 {
			t.Errorf("%s: extra MIME types %v", tc.code, r.Data)
		}
	}
	r := run(t, e, `import ("image"; "image/color")
img := image.NewRGBA(image.Rect(0, 0, 4, 3))
red := color.RGBA{255, 0, 0, 255}
img.Set(1, 1, red)
img`)
	png, _ := r.Data["image/png"].([]byte)
	if len(png) < 8 || string(png[1:4]) != "PNG" || r.Data["text/plain"] != "<*image.RGBA 4x3>" {
		t.Errorf("image: %v", r.Data["text/plain"])
	}
}

func TestDisplayPackage(t *testing.T) {
	var mu sync.Mutex
	var evs []outcome.Display
	e := newEngine(t, func(ev outcome.Display) { mu.Lock(); evs = append(evs, ev); mu.Unlock() })
	run(t, e, `import "gokernel/display"
display.HTML("<i>x</i>")
display.Markdown("# T")
id := display.Show("text/plain", "0")
display.UpdateBundle(id, map[string]any{"text/plain": "1"})
display.Clear(true)
bar := display.Progress(3, "work")
for i := 0; i < 3; i++ { bar.Add(1) }
bar.Done()`)
	mu.Lock()
	defer mu.Unlock()
	if len(evs) < 6 {
		t.Fatalf("got %d events", len(evs))
	}
	if evs[0].Clear || evs[0].Data["text/html"] != "<i>x</i>" || evs[0].Data["text/plain"] == nil {
		t.Errorf("HTML: %+v", evs[0])
	}
	if evs[1].Data["text/markdown"] != "# T" {
		t.Errorf("Markdown: %+v", evs[1])
	}
	if evs[2].ID == "" || evs[2].Update || evs[3].ID != evs[2].ID || !evs[3].Update || evs[3].Data["text/plain"] != "1" {
		t.Errorf("Show/Update: %+v %+v", evs[2], evs[3])
	}
	if !evs[4].Clear || !evs[4].Wait {
		t.Errorf("Clear: %+v", evs[4])
	}
	last := evs[len(evs)-1]
	if last.ID != evs[5].ID || !last.Update || !strings.Contains(last.Data["text/plain"].(string), "3/3") {
		t.Errorf("progress: first %+v last %+v", evs[5], last)
	}
}

func TestEnvIsTheProcessEnv(t *testing.T) {
	e := newEngine(t, nil)
	t.Setenv("GK_TEST_ENV", "one")
	r := run(t, e, `import "os"
os.Getenv("GK_TEST_ENV")`)
	if r.Data["text/plain"] != `"one"` {
		t.Errorf("Getenv: %v", r.Data)
	}
	run(t, e, `os.Setenv("GK_TEST_ENV", "two")`)
	if os.Getenv("GK_TEST_ENV") != "two" {
		t.Errorf("Setenv did not reach the process")
	}
}

func TestNamesDescribeInspect(t *testing.T) {
	e := newEngine(t, nil)
	run(t, e, `import "strings"
type Point struct{ X, Y int }
func (p Point) Norm() int { return p.X*p.X + p.Y*p.Y }
func (p *Point) Move(dx int) { p.X += dx }
func twice(n int) int { return 2 * n }
p := Point{3, 4}
q := &Point{}
var sb strings.Builder
m := map[string][]Point{}
n := 7`)
	got := map[string]string{}
	for _, v := range e.Names() {
		got[v.Name] = v.Kind + " " + v.Type
	}
	want := map[string]string{
		"p": "var Point", "q": "var *Point", "sb": "var strings.Builder", "m": "var map[string][]Point",
		"n": "var int", "twice": "func func(n int) int", "strings": `package "strings"`,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("Names[%s] = %q, want %q", k, got[k], w)
		}
	}
	for k := range got {
		if strings.HasPrefix(k, "_gk") {
			t.Errorf("Names lists the kernel's %s", k)
		}
	}
	members := func(name string) string {
		info := e.Describe(name)
		if info == nil {
			return "<nil>"
		}
		var s []string
		for _, m := range info.Members {
			s = append(s, m.Name+":"+m.Kind+":"+m.Signature)
		}
		return info.Type + " " + strings.Join(s, ",")
	}
	if got := members("p"); got != "Point Move:method:func(dx int),Norm:method:func() int,X:field:int,Y:field:int" {
		t.Errorf("Describe(p) = %s", got)
	}
	if got := members("sb"); !strings.Contains(got, "WriteString:method:func(string) (int, error)") {
		t.Errorf("Describe(sb) = %s", got)
	}
	if e.Describe("twice") != nil || e.Describe("nosuch") != nil {
		t.Errorf("Describe of a non-variable")
	}
	if s, ok := e.Inspect("p", true); !ok || s != "var p Point = {3 4}" {
		t.Errorf("Inspect(p) = %q", s)
	}
	if s, ok := e.Inspect("p", false); !ok || strings.Contains(s, "{3 4}") {
		t.Errorf("Inspect(p, no value) = %q", s)
	}
	if s, ok := e.Inspect("twice", true); !ok || s != "func twice(n int) int" {
		t.Errorf("Inspect(twice) = %q", s)
	}
	if s, ok := e.Inspect("Point", true); !ok || !strings.HasPrefix(s, "type Point struct{ X, Y int }\nfunc (") || !strings.Contains(s, "func (Point) Norm() int") || strings.Contains(s, "//") {
		t.Errorf("Inspect(Point) = %q", s)
	}
}

func TestGoroutinesStarted(t *testing.T) {
	e := newEngine(t, nil)
	before := GoroutinesStarted()
	run(t, e, `import "sync"
var wg sync.WaitGroup
for i := 0; i < 5; i++ { wg.Add(1); go func() { wg.Done() }() }
wg.Go(func() {})
wg.Wait()`)
	if d := GoroutinesStarted() - before; d != 6 {
		t.Errorf("started %d goroutines, want 6", d)
	}
}
