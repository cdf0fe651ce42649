package assist

import (
	"slices"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/outcome"
)

func TestIsComplete(t *testing.T) {
	a := New()
	tests := []struct{ code, status string }{
		{"", "complete"},
		{"x := 1", "complete"},
		{"for {", "incomplete"},
		{"f(1,", "incomplete"},
		{"x := 1 +", "incomplete"},
		{"s := `raw\nstill raw", "incomplete"},
		{"/* a comment", "incomplete"},
		{`s := "abc`, "invalid"},
		{"x := )", "invalid"},
		{"}", "invalid"},
		{"func f() {\n\treturn\n}", "complete"},
		{"import \"fmt\"", "complete"},
	}
	for _, tt := range tests {
		if got, _ := a.IsComplete(tt.code); got != tt.status {
			t.Errorf("IsComplete(%q) = %s, want %s", tt.code, got, tt.status)
		}
	}
	if _, indent := a.IsComplete("for {\n\tif x {"); indent != "\t\t" {
		t.Errorf("indent %q, want two tabs", indent)
	}
}

func TestComplete(t *testing.T) {
	a := New()
	a.Learn([]string{"myLongVariable", "myFunc"})
	tests := []struct {
		code       string
		cursor     int
		want       []string
		start, end int
	}{
		{"fmt.Prin", 8, []string{"Print", "Printf", "Println"}, 4, 8},
		{"x := strings.ToU", 16, []string{"ToUpper"}, 13, 16},
		{"myL", 3, []string{"myLongVariable"}, 0, 3},
		{"go", 2, []string{"go", "goto"}, 0, 2},
		{"fmt.Println(myF) // rest", 15, []string{"myFunc"}, 12, 15},
		{"héllo.X", 7, nil, 6, 7},
	}
	for _, tt := range tests {
		got, start, end, _ := a.Complete(tt.code, tt.cursor)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Complete(%q, %d) = %v, lacks %s", tt.code, tt.cursor, got, w)
			}
		}
		if start != tt.start || end != tt.end {
			t.Errorf("Complete(%q): cursor %d-%d, want %d-%d", tt.code, start, end, tt.start, tt.end)
		}
	}
}

func TestInspect(t *testing.T) {
	a := New()
	tests := []struct {
		code   string
		cursor int
		want   string // "" means not found
	}{
		// With the Go sources (go/doc): the declaration and its doc comment.
		{"fmt.Println", 5, "func Println(a ...any) (n int, err error)\n\nPrintln formats"},
		{"fmt.Println(1)", 6, "func Println"},
		{"strings.Builder.WriteString", 20, "func (b *Builder) WriteString(s string) (int, error)"},
		{"time.Second", 7, "Second"},
		{"strings", 3, `package strings // import "strings"`},
		{"rand", 2, `import "math/rand"`},
		{"nosuch.Thing", 3, ""},
		// Inside a call's parentheses: the function called.
		{`fmt.Println("x")`, 12, "func Println"},
		{`fmt.Println(strings.ToUpper("a"), `, 35, "func Println"},
		{`fmt.Println(")(")`, 14, "func Println"},
		{`fmt.Println(1)`, 14, ""},
	}
	for _, tt := range tests {
		data, found := a.Inspect(tt.code, tt.cursor, 0)
		if tt.want == "" {
			if found {
				t.Errorf("Inspect(%q) found %v", tt.code, data)
			}
			continue
		}
		if text, _ := data["text/plain"].(string); !found || !strings.Contains(text, tt.want) {
			t.Errorf("Inspect(%q) = %q, want it to contain %q", tt.code, text, tt.want)
		}
	}
}

// workerHosted is what a worker's ready event says it hosts, in part (the
// supervisor's tests check the real one).
var workerHosted = &outcome.Hosted{
	Packages: []outcome.Package{{Path: "gokernel/display", Name: "display", Members: []outcome.Member{
		{Name: "Bar", Kind: "type", Signature: "struct"},
		{Name: "HTML", Kind: "func", Signature: "func(string)"},
		{Name: "Progress", Kind: "func", Signature: "func(int, string) *display.Bar"},
	}}},
	Magics: []string{"%env", "%gomaxprocs", "%goroutines", "%help", "%reset", "%time", "%%time", "%timeit", "%%timeit", "%who", "%%writefile"},
}

func TestCompleteKinds(t *testing.T) {
	a := New()
	a.LearnHosted(workerHosted)
	a.Learn([]string{"p", "total"})
	a.LearnTypes(map[string]*outcome.TypeInfo{"p": {Type: "Point", Members: []outcome.Member{
		{Name: "Move", Kind: "method", Signature: "func(dx int)"}, {Name: "X", Kind: "field", Signature: "int"}}}})
	tests := []struct {
		code       string
		cursor     int // -1: end
		want       []string
		start, end int
	}{
		{`import "net/ht`, -1, []string{"net/http", "net/http/cgi", "net/http/cookiejar", "net/http/fcgi", "net/http/httptest", "net/http/httptrace", "net/http/httputil", "net/http/pprof"}, 8, 14},
		{`import "gokernel/`, -1, []string{"gokernel/display"}, 8, 17},
		{"import (\n\t\"fmt\"\n\t\"stri", -1, []string{"strings"}, 18, 22},
		{"import (\n\tm \"math/ra", -1, []string{"math/rand", "math/rand/v2"}, 13, 20},
		{`x := "fmt`, -1, []string{"fmt"}, 6, 9}, // not an import: the word
		{`p.`, -1, []string{"Move", "X"}, 2, 2},
		{`p.M`, -1, []string{"Move"}, 2, 3},
		{`display.Prog`, -1, []string{"Progress"}, 8, 12},
		{`%ti`, -1, []string{"%time", "%timeit"}, 0, 3},
		{`%%wr`, -1, []string{"%%writefile"}, 0, 4},
		{"x := 1\n%go", -1, []string{"%gomaxprocs", "%goroutines"}, 7, 10},
		{`tot`, -1, []string{"total"}, 0, 3},
		{`ret`, -1, []string{"return"}, 0, 3},
	}
	for _, tt := range tests {
		cursor := tt.cursor
		if cursor < 0 {
			cursor = len([]rune(tt.code))
		}
		got, start, end, md := a.Complete(tt.code, cursor)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") || start != tt.start || end != tt.end {
			t.Errorf("Complete(%q) = %v [%d:%d], want %v [%d:%d]", tt.code, got, start, end, tt.want, tt.start, tt.end)
		}
		types, _ := md["_jupyter_types_experimental"].([]map[string]any)
		if len(types) != len(got) {
			t.Errorf("Complete(%q): %d types for %d matches", tt.code, len(types), len(got))
		}
	}
	_, _, _, md := a.Complete("p.M", 3)
	if ty := md["_jupyter_types_experimental"].([]map[string]any); ty[0]["type"] != "function" || ty[0]["signature"] != "func(dx int)" {
		t.Errorf("types metadata: %v", ty)
	}
	a.Learn([]string{"fmt", "twice"})
	if a.NameAt("p.X", 3) != "p" || a.NameAt("fmt.Println", 11) != "" || a.NameAt("fmt", 3) != "" || a.NameAt("twice(2)", 2) != "twice" {
		t.Errorf("NameAt")
	}
}

// What the worker hosts is known from its ready event on, and a new
// worker's replaces the old one's.
func TestLearnHosted(t *testing.T) {
	a := New()
	complete := func(code string) string {
		got, _, _, _ := a.Complete(code, len([]rune(code)))
		return strings.Join(got, ",")
	}
	if got := complete("display.HT") + complete("%ti"); got != "" {
		t.Errorf("before any worker is ready: %q", got)
	}
	a.LearnHosted(workerHosted)
	if got := complete("display.HT"); got != "HTML" {
		t.Errorf("display.HT: %q", got)
	}
	if got := complete("disp"); got != "display" {
		t.Errorf("disp: %q", got)
	}
	data, found := a.Inspect("display.Progress", 10, 0)
	if want := "import \"gokernel/display\"\n\nfunc display.Progress(int, string) *display.Bar"; !found || data["text/plain"] != want {
		t.Errorf("Inspect(display.Progress) = %q, want %q", data["text/plain"], want)
	}
	if a.NameAt("display.HTML", 3) != "" {
		t.Errorf("NameAt takes a hosted package for a session name")
	}
	a.LearnHosted(&outcome.Hosted{Magics: []string{"%time"}})
	if got := complete("display.HT") + "|" + complete("%ti"); got != "|%time" {
		t.Errorf("after a new worker's ready event: %q", got)
	}
}

// BenchmarkComplete measures completion latency (the target is a median
// under 20 ms): go test ./kernel/assist -bench Complete
func BenchmarkComplete(b *testing.B) {
	a := New()
	a.LearnHosted(workerHosted)
	for _, code := range []string{"fmt.Pr", `import "net/ht`, "ret", "%ti", "display."} {
		b.Run(code, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				a.Complete(code, len(code))
			}
		})
	}
}

func BenchmarkInspectDoc(b *testing.B) {
	a := New()
	a.Inspect("fmt.Println", 5, 0) // parse fmt once
	for i := 0; i < b.N; i++ {
		a.Inspect("fmt.Println", 5, 0)
	}
}
