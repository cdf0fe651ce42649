package pkgdoc

import (
	"go/constant"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/outcome"
)

func TestMembers(t *testing.T) {
	v := 3
	got := Members(map[string]reflect.Value{
		"F":      reflect.ValueOf(func(int) string { return "" }),
		"T":      reflect.ValueOf((*struct{ X int })(nil)),
		"V":      reflect.ValueOf(&v).Elem(),
		"Pi":     reflect.ValueOf(constant.MakeFloat64(3.14)),
		"Second": reflect.ValueOf(time.Second),
		"_w":     reflect.ValueOf((*struct{})(nil)), // a yaegi wrapper type
	})
	want := []outcome.Member{
		{Name: "F", Kind: "func", Signature: "func(int) string"},
		{Name: "Pi", Kind: "const", Signature: "untyped float"},
		{Name: "Second", Kind: "const", Signature: "time.Duration"},
		{Name: "T", Kind: "type", Signature: "struct"},
		{Name: "V", Kind: "var", Signature: "int"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Members:\n got %v\nwant %v", got, want)
	}
}

func TestStd(t *testing.T) {
	if p := Std()["rand"]; p == nil || p.Path != "math/rand" {
		t.Errorf(`Std()["rand"] = %+v, want math/rand`, p)
	}
	fmtPkg := Std()["fmt"]
	if fmtPkg == nil {
		t.Fatal("no fmt")
	}
	if text, ok := Describe(fmtPkg, "Println"); !ok || !strings.HasSuffix(text, "func fmt.Println(...interface {}) (int, error)") {
		t.Errorf("Describe(fmt.Println) = %q", text)
	}
	if text, ok := Describe(Std()["io"], "EOF"); !ok || !strings.HasSuffix(text, "var io.EOF error") {
		t.Errorf("Describe(io.EOF) = %q", text)
	}
	// Generic functions and new packages and names complete too.
	for _, tt := range []struct{ pkg, name, kind string }{
		{"slices", "Sort", "func"}, {"maps", "Keys", "func"}, {"iter", "Seq", "type"},
		{"strings", "Lines", "func"}, {"errgroup", "Group", "type"}, {"strings", "Builder", "type"},
	} {
		p := Std()[tt.pkg]
		i := -1
		if p != nil {
			i = slices.IndexFunc(p.Members, func(m outcome.Member) bool { return m.Name == tt.name })
		}
		if i < 0 || p.Members[i].Kind != tt.kind {
			t.Errorf("Std()[%q] has no %s %s", tt.pkg, tt.kind, tt.name)
		}
	}
	paths := StdPaths()
	if !slices.IsSorted(paths) || !slices.Contains(paths, "net/http") || slices.ContainsFunc(paths, func(p string) bool {
		return strings.Contains(p, "internal")
	}) {
		t.Errorf("StdPaths: %d paths, sorted %v", len(paths), slices.IsSorted(paths))
	}
}

func TestDoc(t *testing.T) {
	hosted := []outcome.Package{{Path: "gokernel/display", Name: "display", Members: []outcome.Member{
		{Name: "HTML", Kind: "func", Signature: "func(string)"}}}}
	tests := []struct {
		expr string
		want string // "" means not found
	}{
		{"fmt.Println", "func Println(a ...any) (n int, err error)\n\nPrintln formats"},
		{"strings.Builder.WriteString", "func (b *Builder) WriteString(s string) (int, error)"},
		{"strings", `package strings // import "strings"`},
		{"display.HTML", "import \"gokernel/display\"\n\nfunc display.HTML(string)"},
		{"display", `package display // import "gokernel/display"`},
		{"display.Nothing", ""},
		{"nosuch.Thing", ""},
	}
	for _, tt := range tests {
		text, ok := Doc(tt.expr, hosted)
		if tt.want == "" {
			if ok {
				t.Errorf("Doc(%q) found %q", tt.expr, text)
			}
			continue
		}
		if !ok || !strings.Contains(text, tt.want) {
			t.Errorf("Doc(%q) = %q, want it to contain %q", tt.expr, text, tt.want)
		}
	}
	// A hosted package wins over a standard one of the same name.
	mine := []outcome.Package{{Path: "example.com/fmt", Name: "fmt", Members: []outcome.Member{{Name: "Println", Kind: "func", Signature: "func()"}}}}
	if text, _ := Doc("fmt.Println", mine); !strings.Contains(text, `import "example.com/fmt"`) {
		t.Errorf("hosted fmt: %q", text)
	}
}
