package modules

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/bundled"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/stdlib"
	"github.com/traefik/yaegi/interp"
)

// interpreter is a yaegi interpreter set up as the engine sets one up for
// a Session (engine.Sources).
func interpreter(t *testing.T, s *Session) *interp.Interpreter {
	t.Helper()
	in := interp.New(interp.Options{GoPath: s.GoPath(), SourcecodeFilesystem: s, BuildTags: s.BuildTags()})
	if err := in.Use(stdlib.Symbols()); err != nil {
		t.Fatal(err)
	}
	if err := in.Use(bundled.Symbols); err != nil {
		t.Fatal(err)
	}
	return in
}

func eval(t *testing.T, in *interp.Interpreter, src string) string {
	t.Helper()
	v, err := in.Eval(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	if !v.IsValid() {
		return ""
	}
	return v.String()
}

func get(t *testing.T, s *Session, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = s.Get(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

// %go get adds a module to a go.mod it creates; its packages, and those of
// its dependencies, import in an interpreter that already ran; a worker
// started later in the folder imports them again offline.
func TestGetThenImportThenRestart(t *testing.T) {
	folder := offlineGo(t, greet, shout)
	s := newSession(folder)
	in := interpreter(t, s)
	changed := 0
	s.OnChange = func() { changed++ }

	stdout, stderr, err := get(t, s, "example.com/shout@v1.0.0")
	if err != nil {
		t.Fatalf("Get: %v\nstderr: %s", err, stderr)
	}
	contains(t, "stdout", stdout, "created "+filepath.Join(folder, "go.mod")+" (module notebook)",
		`example.com/shout v1.0.0: import "example.com/shout"`)
	contains(t, "go.mod", readFile(t, filepath.Join(folder, "go.mod")), "module notebook", "example.com/shout v1.0.0")
	if changed != 1 {
		t.Errorf("OnChange called %d times, want 1", changed)
	}
	eval(t, in, `import "example.com/shout"`)
	if got := eval(t, in, `shout.Shout("ann")`); got != "HELLO, ANN!!!" {
		t.Errorf("shout.Shout = %q", got)
	}

	// greet is a dependency: importable, but not described (go.mod does not
	// require it) until it is added itself.
	if _, _, err := get(t, s, "example.com/greet"); err != nil {
		t.Fatal(err)
	}
	eval(t, in, `import "example.com/greet"`)
	if got := eval(t, in, `greet.Greeter{Greeting: "hi"}.Greet("bo") + " " + greet.OS + " " + greet.Impl`); got != "hi, bo "+map[bool]string{true: "linux", false: "other"}[runtime.GOOS == "linux"]+" pure Go" {
		t.Errorf("greet: %q", got)
	}
	pkgs := map[string]outcome.Package{}
	for _, p := range s.Packages() {
		pkgs[p.Path] = p
	}
	if _, ok := pkgs["example.com/greet/internal/pre"]; ok || len(pkgs) != 3 {
		t.Errorf("described packages: %v", pkgs)
	}
	g := pkgs["example.com/greet"]
	want := map[string]outcome.Member{
		"Hello":   {Name: "Hello", Kind: "func", Signature: "func(name string) string"},
		"Greeter": {Name: "Greeter", Kind: "type", Signature: "struct"},
		"Version": {Name: "Version", Kind: "const", Signature: "untyped string"},
	}
	for _, m := range g.Members {
		if w, ok := want[m.Name]; ok && m != w {
			t.Errorf("member %+v, want %+v", m, w)
		}
		delete(want, m.Name)
	}
	if g.Name != "greet" || len(want) > 0 {
		t.Errorf("greet described as %+v; missing %v", g, want)
	}

	// A new worker: nothing downloaded (GOPROXY=off), nothing written.
	t.Setenv("GOPROXY", "off")
	before := readFile(t, filepath.Join(folder, "go.mod"))
	s2 := Open(folder)
	if s2.problem != "" {
		t.Fatal(s2.problem)
	}
	in2 := interpreter(t, s2)
	eval(t, in2, `import ("example.com/greet/loud"; "example.com/shout")`)
	if got := eval(t, in2, `loud.Hello("x") + shout.Shout("y")`); got != "HELLO, X!HELLO, Y!!!" {
		t.Errorf("after restart: %q", got)
	}
	if len(s2.Packages()) != 3 {
		t.Errorf("after restart, described: %v", s2.Packages())
	}
	if after := readFile(t, filepath.Join(folder, "go.mod")); after != before {
		t.Errorf("Open changed go.mod:\n%s", after)
	}
}

// A module none of whose packages the interpreter can run is refused at
// %go get, naming each package and the reason; go.mod is left as it was
// (here: not created).
func TestGetRefusesWhatCannotBeInterpreted(t *testing.T) {
	folder := offlineGo(t, cgoMod, asmMod, unsafeMod, genMod, rangeFuncMod)
	s := newSession(folder)
	cases := []struct{ module, want string }{
		{"example.com/cgo", `example.com/cgo: uses cgo (import "C"), which the interpreter cannot run`},
		{"example.com/asm", "example.com/asm: has assembly (add_" + runtime.GOARCH + ".s), which the interpreter cannot run"},
		{"example.com/uns", "example.com/uns: imports unsafe, which the interpreter does not provide"},
		{"example.com/gen", "example.com/gen: the interpreter rejects it: example.com/gen/gen.go:3:18: undefined type for E"},
		{"example.com/rangefunc", "example.com/rangefunc: the interpreter rejects it: nil type (a range over a function, a Go 1.23 iterator, which the interpreter does not support?)"},
	}
	for _, c := range cases {
		_, _, err := get(t, s, c.module+"@v1.0.0")
		if err == nil {
			t.Errorf("%s: Get succeeded", c.module)
			continue
		}
		contains(t, c.module, err.Error(), c.module+" v1.0.0 cannot be interpreted (go.mod is unchanged):\n  "+c.want)
		if _, err := os.Stat(filepath.Join(folder, "go.mod")); err == nil {
			t.Errorf("%s: go.mod left behind:\n%s", c.module, readFile(t, filepath.Join(folder, "go.mod")))
		}
		contains(t, c.module+" imported anyway", s.ImportHint(c.module, "unable to find source"), "%go get refused "+c.module+", which cannot be interpreted: "+c.want)
	}
}

// A module with some packages that cannot be interpreted is added, with a
// warning naming them; importing one anyway says why.
func TestGetWarnsAndImportExplains(t *testing.T) {
	folder := offlineGo(t, cgoMod, mixedMod)
	s := newSession(folder)
	in := interpreter(t, s)
	stdout, stderr, err := get(t, s, "example.com/mixed@v1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "stdout", stdout, `example.com/mixed v1.0.0: import "example.com/mixed/good"`)
	contains(t, "stderr", stderr, "warning: these packages cannot be interpreted (importing them fails):\n"+
		"  example.com/mixed/bad: imports example.com/cgo, which cannot be interpreted\n"+
		"  example.com/cgo: uses cgo")
	eval(t, in, `import "example.com/mixed/good"`)
	_, err = in.Eval(`import "example.com/mixed/bad"`)
	if err == nil {
		t.Fatal("importing example.com/mixed/bad succeeded")
	}
	contains(t, "hint", s.ImportHint("example.com/mixed/bad", err.Error()),
		`cannot be interpreted: example.com/mixed/bad: imports example.com/cgo, which cannot be interpreted; example.com/cgo: uses cgo (import "C")`)
	_, err = in.Eval(`import "example.com/mixed/bad"`)
	contains(t, "second import", s.ImportHint("example.com/mixed/bad", err.Error()), "an earlier import of example.com/mixed/bad failed in this session")

	contains(t, "unknown module", s.ImportHint("example.com/nothere", `unable to find source related to: "example.com/nothere"`),
		"%go get example.com/nothere adds its module")
	contains(t, "std", s.ImportHint("unsafe", ""), "the interpreter does not provide package unsafe")
	if h := s.ImportHint("fmt", "x"); h != "" {
		t.Errorf("hint for fmt: %q", h)
	}
}

// go get's own failure is the cell's, and leaves no go.mod behind.
func TestGetFailure(t *testing.T) {
	folder := offlineGo(t, greet)
	s := newSession(folder)
	_, stderr, err := get(t, s, "example.com/nothere@v1.0.0")
	if err == nil || !strings.Contains(err.Error(), "go get example.com/nothere@v1.0.0: exit status 1 (go.mod is unchanged)") {
		t.Errorf("err = %v", err)
	}
	contains(t, "stderr", stderr, "example.com/nothere")
	if fileExists(filepath.Join(folder, "go.mod")) {
		t.Error("go.mod left behind")
	}
	if _, _, err := get(t, s); err == nil || !strings.Contains(err.Error(), "usage: %go get MODULE[@VERSION]") {
		t.Errorf("no arguments: %v", err)
	}
	// An interrupt (the cell's context ends) stops it, and undoes it.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Get(ctx, []string{"example.com/greet@v1.0.0"}, io.Discard, io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if fileExists(filepath.Join(folder, "go.mod")) {
		t.Error("a cancelled Get left a go.mod")
	}
}

// A folder that is not writable keeps its go.mod in the user's cache
// directory, started from the folder's; later workers use that one.
func TestFallbackWhenFolderIsNotWritable(t *testing.T) {
	folder := offlineGo(t, greet, shout)
	// The folder's own go.mod, as a teacher might hand it out.
	if err := os.WriteFile(filepath.Join(folder, "go.mod"), []byte("module course\n\ngo 1.21\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	readOnly := func(dir string) bool { return dir != folder }
	s := newSession(folder)
	s.writable = readOnly
	stdout, _, err := get(t, s, "example.com/greet@v1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	fb := filepath.Join(os.Getenv("XDG_CACHE_HOME"), "gokernel", "modules")
	contains(t, "stdout", stdout, folder+" is not writable: the modules %go get adds for it are remembered in "+fb)
	if got := readFile(t, filepath.Join(folder, "go.mod")); strings.Contains(got, "greet") {
		t.Errorf("the folder's go.mod changed:\n%s", got)
	}
	contains(t, "fallback go.mod", readFile(t, filepath.Join(s.fallback, "go.mod")), "module course", "example.com/greet v1.0.0")

	t.Setenv("GOPROXY", "off")
	s2 := newSession(folder)
	s2.writable = readOnly
	if err := s2.load(context.Background()); err != nil {
		t.Fatal(err)
	}
	eval(t, interpreter(t, s2), `import "example.com/greet"`)
}

// The Tree resolves an import path by the longest module path, so a module
// nested in another's path resolves to its own directory, and shows a
// package's .go files as go/build selects them.
func TestTree(t *testing.T) {
	tmp := t.TempDir()
	outer, inner := filepath.Join(tmp, "outer"), filepath.Join(tmp, "inner")
	for p, content := range map[string]string{
		filepath.Join(outer, "a", "a.go"):            "package a\n",
		filepath.Join(outer, "a", "a_windows.go"):    "package a\n",
		filepath.Join(outer, "a", "b_cgo.go"):        "//go:build cgo\n\npackage a\n",
		filepath.Join(outer, "a", "b_purego.go"):     "//go:build purego\n\npackage a\n",
		filepath.Join(outer, "a", "c.go"):            "//go:build gc && !purego\n\npackage a\n",
		filepath.Join(outer, "a", "README"):          "",
		filepath.Join(inner, "x.go"):                 "package inner\n",
		filepath.Join(outer, "sub", "inner", "y.go"): "package shadowed\n",
	} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	tr := newTree()
	tr.set(map[string]string{"example.com/outer": outer, "example.com/outer/sub/inner": inner})
	entries, err := tr.ReadDir(GoPath + "/src/example.com/outer/a")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "README a.go b_purego.go" {
		t.Errorf("ReadDir: %s", got)
	}
	if _, dir, _ := tr.lookup("example.com/outer/sub/inner"); dir != inner {
		t.Errorf("nested module: %s", dir)
	}
	if _, err := tr.Open(GoPath + "/src/example.com/other"); !os.IsNotExist(err) {
		t.Errorf("unknown module: %v", err)
	}
	// A module the interpreter has read keeps its directory.
	if _, err := tr.Open(GoPath + "/src/example.com/outer/a/a.go"); err != nil {
		t.Fatal(err)
	}
	if kept := tr.set(map[string]string{"example.com/outer": inner}); len(kept) != 1 || tr.snapshot()["example.com/outer"] != outer {
		t.Errorf("kept %v, mapping %v", kept, tr.snapshot())
	}
}

// A module the session has imported keeps its version until the worker is
// replaced, for all its packages; %go get says so.
func TestUpgradeAfterImportWaitsForRestart(t *testing.T) {
	greet11 := testModule{path: greet.path, version: "v1.1.0", files: map[string]string{}}
	for name, content := range greet.files {
		greet11.files[name] = strings.ReplaceAll(strings.ReplaceAll(content, `"1.0.0"`, `"1.1.0"`), `+ "!"`, `+ "?"`)
	}
	folder := offlineGo(t, greet, greet11)
	s := newSession(folder)
	in := interpreter(t, s)
	if _, _, err := get(t, s, "example.com/greet@v1.0.0"); err != nil {
		t.Fatal(err)
	}
	eval(t, in, `import "example.com/greet"`)
	_, stderr, err := get(t, s, "example.com/greet@v1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "stderr", stderr, "example.com/greet: this session has already imported v1.0.0, and keeps it until the kernel restarts (then v1.1.0)")
	contains(t, "go.mod", readFile(t, filepath.Join(folder, "go.mod")), "example.com/greet v1.1.0")
	eval(t, in, `import "example.com/greet/loud"`)
	if got := eval(t, in, `greet.Version + " " + loud.Hello("a")`); got != "1.0.0 HELLO, A!" {
		t.Errorf("before restart: %q", got)
	}
	in2 := interpreter(t, Open(folder))
	eval(t, in2, `import ("example.com/greet"; "example.com/greet/loud")`)
	if got := eval(t, in2, `greet.Version + " " + loud.Hello("a")`); got != "1.1.0 HELLO, A?" {
		t.Errorf("after restart: %q", got)
	}
}

// A module using the generic standard library gets the kernel's (package
// stdlib's Loader) in the check.
func TestModuleWithGenericStandardLibrary(t *testing.T) {
	folder := offlineGo(t, iterMod)
	s := newSession(folder)
	if _, _, err := get(t, s, "example.com/iters@v1.0.0"); err != nil {
		t.Fatal(err)
	}
}
