package pkgdoc

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// Documentation of standard-library names comes from the Go sources under
// GOROOT (`go env GOROOT`, else runtime.GOROOT()), read with go/doc, as
// `go doc` does; packages are parsed once and kept. Without the sources
// the description from the symbol table is given, with a note saying how
// to get the sources.

// Doc documents expr — "pkg", "pkg.Name" or "pkg.Type.Method" — for
// inspect requests and "name?" cells. A package of hosted (what the worker
// offers beyond the standard library; it wins over a standard package of
// the same name) is described from its members; a standard package from
// its sources. ok is false for a name neither knows.
func Doc(expr string, hosted []outcome.Package) (string, bool) {
	pkg, rest, _ := strings.Cut(expr, ".")
	for i := range hosted {
		if p := &hosted[i]; p.Name == pkg {
			if rest == "" {
				return packageLine(p), true
			}
			return Describe(p, rest)
		}
	}
	p, ok := Std()[pkg]
	if !ok {
		return "", false
	}
	dp, fset := packageDoc(p.Path)
	if dp == nil {
		if rest == "" {
			return packageLine(p) + "\n\n" + noSources(), true
		}
		text, ok := Describe(p, rest)
		if !ok {
			return "", false
		}
		return text + "\n\n" + noSources(), true
	}
	header := packageLine(p) + "\n\n"
	if rest == "" {
		return header + dp.Doc, true
	}
	if text, ok := fromSources(dp, fset, rest); ok {
		return header + text, true
	}
	return Describe(p, rest) // a name go/doc does not list (none is known)
}

// fromSources finds "Name" or "Type.Method" in dp: its declaration (no
// body) and doc comment; for a type, its exported methods' declarations too.
func fromSources(dp *doc.Package, fset *token.FileSet, rest string) (string, bool) {
	name, method, _ := strings.Cut(rest, ".")
	show := func(decl ast.Node, text string) (string, bool) {
		var b bytes.Buffer
		printer.Fprint(&b, fset, decl)
		out := b.String() + "\n"
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

var (
	gorootOnce sync.Once
	goroot     string
	docMu      sync.Mutex
	docCache   = map[string]parsed{}
)

// parsed is one package's documentation with the file set its positions
// refer to (printing a declaration needs both).
type parsed struct {
	doc  *doc.Package
	fset *token.FileSet
}

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

// packageDoc parses the package at importPath from GOROOT/src (once; nil
// when the sources are missing).
func packageDoc(importPath string) (*doc.Package, *token.FileSet) {
	docMu.Lock()
	defer docMu.Unlock()
	if p, ok := docCache[importPath]; ok {
		return p.doc, p.fset
	}
	fset := token.NewFileSet()
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
	docCache[importPath] = parsed{p, fset}
	return p, fset
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
