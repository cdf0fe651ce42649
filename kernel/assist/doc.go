package assist

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Documentation of standard-library names comes from the Go sources under
// GOROOT (`go env GOROOT`, else runtime.GOROOT()), read with go/doc, as
// `go doc` does; packages are parsed once and kept. Without the sources
// the signature from the interpreter's symbol table is given, with a note.

var (
	gorootOnce sync.Once
	goroot     string
	docMu      sync.Mutex
	docCache   = map[string]*doc.Package{}
)

func gorootDir() string {
	gorootOnce.Do(func() {
		if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
			goroot = strings.TrimSpace(string(out))
		}
		if goroot == "" {
			goroot = runtime.GOROOT()
		}
	})
	return goroot
}

// packageDoc parses the package at importPath from GOROOT/src.
func packageDoc(importPath string) (*doc.Package, *token.FileSet) {
	docMu.Lock()
	defer docMu.Unlock()
	fset := token.NewFileSet()
	if p, ok := docCache[importPath]; ok {
		return p, fset
	}
	dir := filepath.Join(gorootDir(), "src", filepath.FromSlash(importPath))
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	var p *doc.Package
	if err == nil {
		for name, ap := range pkgs {
			if name == filepath.Base(dir) || len(pkgs) == 1 {
				p = doc.New(ap, importPath, 0)
				break
			}
		}
	}
	docCache[importPath] = p
	return p, fset
}

// docText documents "pkg" or "pkg.Name" (or "pkg.Type.Method").
func (a *Assistant) docText(expr string) (string, bool) {
	pkg, rest, _ := strings.Cut(expr, ".")
	importPath, ok := a.paths[pkg]
	if !ok {
		return "", false
	}
	dp, fset := packageDoc(importPath)
	if dp == nil {
		if rest == "" {
			return "package " + pkg + ` // import "` + importPath + `"` + "\n\n" + noSources(), true
		}
		v, ok := a.pkgs[pkg][rest]
		if !ok {
			return "", false
		}
		return describe(importPath, pkg, rest, v) + "\n\n" + noSources(), true
	}
	header := "package " + pkg + ` // import "` + importPath + `"` + "\n\n"
	if rest == "" {
		return header + dp.Doc, true
	}
	name, method, _ := strings.Cut(rest, ".")
	show := func(decl ast.Node, text string) (string, bool) {
		var b bytes.Buffer
		printer.Fprint(&b, fset, decl)
		out := header + b.String() + "\n"
		if text != "" {
			out += "\n" + text
		}
		return out, true
	}
	for _, f := range dp.Funcs {
		if f.Name == name {
			return show(stripBody(f.Decl), f.Doc)
		}
	}
	for _, t := range dp.Types {
		for _, f := range t.Funcs {
			if f.Name == name {
				return show(stripBody(f.Decl), f.Doc)
			}
		}
		if t.Name != name {
			continue
		}
		if method != "" {
			for _, m := range t.Methods {
				if m.Name == method {
					return show(stripBody(m.Decl), m.Doc)
				}
			}
			return "", false
		}
		out, _ := show(t.Decl, t.Doc)
		for _, m := range t.Methods {
			if ast.IsExported(m.Name) {
				var b bytes.Buffer
				printer.Fprint(&b, fset, stripBody(m.Decl))
				out += "\n" + b.String()
			}
		}
		return out, true
	}
	for _, vs := range [][]*doc.Value{dp.Vars, dp.Consts} {
		for _, v := range vs {
			for _, n := range v.Names {
				if n == name {
					return show(v.Decl, v.Doc)
				}
			}
		}
	}
	for _, t := range dp.Types {
		for _, vs := range [][]*doc.Value{t.Vars, t.Consts} {
			for _, v := range vs {
				for _, n := range v.Names {
					if n == name {
						return show(v.Decl, v.Doc)
					}
				}
			}
		}
	}
	return "", false
}

func stripBody(d *ast.FuncDecl) *ast.FuncDecl {
	c := *d
	c.Body = nil
	c.Doc = nil
	return &c
}

func noSources() string {
	return "(no documentation: the Go sources are not under " + filepath.Join(gorootDir(), "src") +
		"; install them, e.g. the golang-src package, or see https://pkg.go.dev/std)"
}

// docAvailable reports whether GOROOT/src exists.
func docAvailable() bool {
	_, err := os.Stat(filepath.Join(gorootDir(), "src", "fmt"))
	return err == nil
}

var std = sync.OnceValue(New)

// docText is Doc with a package-level Assistant.
func docText(name string, _ int) (string, bool) { return std().docText(name) }
