package modules

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A module proxy on the file system (GOPROXY=file://…), as the go command
// reads one: <module>/@v/list, and per version .info, .mod and .zip (files
// under "<module>@<version>/"). Tests use it with no network.

type testModule struct {
	path, version string
	files         map[string]string // name in the module -> content; go.mod added if missing
}

func writeProxy(t *testing.T, root string, mods ...testModule) {
	t.Helper()
	for _, m := range mods {
		dir := filepath.Join(root, filepath.FromSlash(m.path), "@v")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		gomod, ok := m.files["go.mod"]
		if !ok {
			gomod = "module " + m.path + "\n\ngo 1.21\n"
		}
		f, err := os.Create(filepath.Join(dir, m.version+".zip"))
		if err != nil {
			t.Fatal(err)
		}
		z := zip.NewWriter(f)
		files := map[string]string{"go.mod": gomod}
		for name, content := range m.files {
			files[name] = content
		}
		for name, content := range files {
			w, err := z.Create(m.path + "@" + m.version + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(content))
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		write := func(name, content string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(m.version+".mod", gomod)
		write(m.version+".info", fmt.Sprintf(`{"Version":%q,"Time":"2024-01-01T00:00:00Z"}`, m.version))
		list, _ := os.ReadFile(filepath.Join(dir, "list"))
		write("list", string(list)+m.version+"\n")
	}
}

// greet is example.com/greet@v1.0.0: a package with an exported func and a
// type with a method, and a second package that imports the first.
var greet = testModule{path: "example.com/greet", version: "v1.0.0", files: map[string]string{
	"greet.go": `package greet

import "example.com/greet/internal/pre"

// Hello greets name.
func Hello(name string) string { return pre.Fix + name }

// Greeter greets with its own greeting.
type Greeter struct{ Greeting string }

// Greet greets name.
func (g Greeter) Greet(name string) string { return g.Greeting + ", " + name }

const Version = "1.0.0"
`,
	"internal/pre/pre.go": "package pre\n\nconst Fix = \"hello, \"\n",
	"loud/loud.go": `package loud

import (
	"strings"

	"example.com/greet"
)

func Hello(name string) string { return strings.ToUpper(greet.Hello(name)) + "!" }
`,
	// Selected by //go:build lines, which yaegi itself ignores.
	"os_other.go":   "//go:build !linux\n\npackage greet\n\nconst OS = \"other\"\n",
	"os_linux.go":   "//go:build linux\n\npackage greet\n\nconst OS = \"linux\"\n",
	"fast_cgo.go":   "//go:build cgo\n\npackage greet\n\n// #include <stdlib.h>\nimport \"C\"\n\nconst Impl = \"cgo\"\n",
	"fast_nocgo.go": "//go:build !cgo\n\npackage greet\n\nconst Impl = \"pure Go\"\n",
	"greet_test.go": "package greet\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n",
}}

// shout@v1.0.0 is another module that needs greet.
var shout = testModule{path: "example.com/shout", version: "v1.0.0", files: map[string]string{
	"go.mod":   "module example.com/shout\n\ngo 1.21\n\nrequire example.com/greet v1.0.0\n",
	"shout.go": "package shout\n\nimport \"example.com/greet/loud\"\n\nfunc Shout(n string) string { return loud.Hello(n) + \"!!\" }\n",
}}

// Modules the interpreter cannot run, one reason each, and one with a
// good package and a bad one.
var (
	cgoMod = testModule{path: "example.com/cgo", version: "v1.0.0", files: map[string]string{
		"cgo.go": "package cgo\n\n// #include <stdlib.h>\nimport \"C\"\n\nfunc F() int { return int(C.int(1)) }\n",
	}}
	asmMod = testModule{path: "example.com/asm", version: "v1.0.0", files: map[string]string{
		"add.go":      "package asm\n\nfunc Add(a, b int) int\n",
		"add_amd64.s": "TEXT ·Add(SB),$0\n\tRET\n",
		"add_arm64.s": "TEXT ·Add(SB),$0\n\tRET\n",
	}}
	unsafeMod = testModule{path: "example.com/uns", version: "v1.0.0", files: map[string]string{
		"uns.go": "package uns\n\nimport \"unsafe\"\n\nfunc Size() uintptr { var x int64; return unsafe.Sizeof(x) }\n",
	}}
	// A type parameter that appears only in another one's constraint: yaegi
	// cannot type E.
	genMod = testModule{path: "example.com/gen", version: "v1.0.0", files: map[string]string{
		"gen.go": "package gen\n\nfunc Rev[S ~[]E, E any](s S) S {\n\tfor i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {\n\t\ts[i], s[j] = s[j], s[i]\n\t}\n\treturn s\n}\n\nfunc Ints() []int { return Rev([]int{1, 2}) }\n",
	}}
	// Range over a function (a Go 1.23 iterator).
	rangeFuncMod = testModule{path: "example.com/rangefunc", version: "v1.0.0", files: map[string]string{
		"seq.go": "package rangefunc\n\nfunc Seq(yield func(int) bool) { yield(1) }\n\nfunc Sum() (s int) {\n\tfor v := range Seq {\n\t\ts += v\n\t}\n\treturn\n}\n",
	}}
	// What the kernel's generic standard library provides (iter.Seq) is
	// fine in a module too.
	iterMod = testModule{path: "example.com/iters", version: "v1.0.0", files: map[string]string{
		"iters.go": "package iters\n\nimport (\n\t\"iter\"\n\t\"slices\"\n)\n\nfunc Backward(s []int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor i := len(s) - 1; i >= 0; i-- {\n\t\t\tif !yield(s[i]) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\n\nfunc Reversed(s []int) []int { return slices.Collect(Backward(s)) }\n",
	}}
	mixedMod = testModule{path: "example.com/mixed", version: "v1.0.0", files: map[string]string{
		"good/good.go": "package good\n\nfunc OK() bool { return true }\n",
		"bad/bad.go":   "package bad\n\nimport \"example.com/cgo\"\n\nfunc F() int { return cgo.F() }\n",
		"go.mod":       "module example.com/mixed\n\ngo 1.21\n\nrequire example.com/cgo v1.0.0\n",
	}}
)

// offlineGo points the go command at a file proxy with the given modules,
// a private module cache and no checksum database, and returns the
// notebook folder to use.
func offlineGo(t *testing.T, mods ...testModule) (folder string) {
	t.Helper()
	tmp := t.TempDir()
	writeProxy(t, filepath.Join(tmp, "proxy"), mods...)
	t.Setenv("GOPROXY", "file://"+filepath.ToSlash(filepath.Join(tmp, "proxy")))
	t.Setenv("GOMODCACHE", filepath.Join(tmp, "modcache"))
	t.Setenv("GOSUMDB", "off")
	t.Setenv("GONOSUMDB", "*")
	t.Setenv("GOFLAGS", "-mod=mod -modcacherw") // -modcacherw: TempDir can remove the cache
	t.Setenv("XDG_CACHE_HOME", filepath.Join(tmp, "cache"))
	folder = filepath.Join(tmp, "notebooks")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	return folder
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func contains(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: want %q in\n%s", what, w, got)
		}
	}
}
