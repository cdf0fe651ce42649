package engine

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// mapSources is an engine.Sources over an in-memory GOPATH, with packages
// added while the engine runs (only Open: MapFS's other methods take no
// absolute names).
type mapSources struct{ files fstest.MapFS }

func (m mapSources) Open(name string) (fs.File, error) {
	return m.files.Open(strings.TrimPrefix(name, "/"))
}
func (m mapSources) GoPath() string      { return "/gopath" }
func (m mapSources) BuildTags() []string { return nil }
func (m mapSources) ImportHint(path, msg string) string {
	return "hint for " + path
}

// Source packages import from Options.Sources, also those added after New;
// a compiled-in package wins over a source package of the same path; a
// failed import carries the Sources' hint.
func TestSourcePackages(t *testing.T) {
	src := mapSources{fstest.MapFS{
		"gopath/src/strings/strings.go": {Data: []byte("package strings\n\nfunc ToUpper(s string) string { return \"shadowed\" }\n")},
	}}
	e, err := New(Options{Sources: src})
	if err != nil {
		t.Fatal(err)
	}
	run := func(code string) Result {
		t.Helper()
		return e.Execute(context.Background(), code)
	}
	r := run(`import "example.com/late"`)
	if r.Err == nil || !strings.Contains(strings.Join(r.Err.Traceback, "\n"), "hint for example.com/late") {
		t.Fatalf("import before the package exists: %+v", r.Err)
	}
	src.files["gopath/src/example.com/late/late.go"] = &fstest.MapFile{Data: []byte("package late\n\nfunc Answer() int { return 42 }\n")}
	if r := run("import \"example.com/late\"\nlate.Answer()"); r.Err != nil || r.Data["text/plain"] != "42" {
		t.Fatalf("after adding it: %+v %v", r.Err, r.Data)
	}
	if r := run("import \"strings\"\nstrings.ToUpper(\"a\")"); r.Err != nil || r.Data["text/plain"] != `"A"` {
		t.Fatalf("compiled-in strings: %+v %v", r.Err, r.Data)
	}
	// A source package that uses the generic standard library gets the
	// kernel's (yaegi has no sync.OnceValue).
	src.files["gopath/src/example.com/once/once.go"] = &fstest.MapFile{Data: []byte("package once\n\nimport \"sync\"\n\nfunc Answer() int { f := sync.OnceValue(func() int { return 42 }); return f() }\n")}
	if r := run("import \"example.com/once\"\nonce.Answer()"); r.Err != nil || r.Data["text/plain"] != "42" {
		t.Fatalf("generic standard library from a source package: %+v %v", r.Err, r.Data)
	}
}
