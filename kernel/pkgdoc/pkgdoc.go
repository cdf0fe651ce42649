// Package pkgdoc describes the packages cells can import, for completion
// and documentation: the Go standard library as the interpreter offers it
// (package stdlib) and the modules compiled in (package bundled), with doc comments read from the Go sources
// under GOROOT by go/doc (doc.go), and any package given as a symbol table
// in yaegi's form (Members), such as the worker's gokernel/display.
//
// Contract: it belongs to neither process. The kernel process uses it to
// answer complete and inspect requests, the worker to answer "name?"
// cells; both get the same text for the same name. It imports only
// package outcome, whose Package and Member types it fills, and the
// symbol tables stdlib and bundled. What it
// returns is computed once and shared: callers must not modify it.
package pkgdoc

import (
	"fmt"
	"go/ast"
	"go/constant"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/bundled"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/stdlib"
)

// Std is the standard library by package name. Where several packages
// share a name, it holds the one a student most likely means ("rand" is
// math/rand). Packages under internal/ are left out.
func Std() map[string]*outcome.Package { return std().byName }

// StdPaths is every standard import path the interpreter offers, sorted.
func StdPaths() []string { return std().paths }

type index struct {
	byName map[string]*outcome.Package
	paths  []string
}

var std = sync.OnceValue(func() *index {
	ix := &index{byName: map[string]*outcome.Package{}}
	all := map[string]map[string]reflect.Value{}
	for key, syms := range stdlib.Symbols() {
		all[key] = syms
	}
	for key, syms := range bundled.Symbols {
		all[key] = syms
	}
	for key, syms := range all {
		importPath, name := path.Dir(key), path.Base(key)
		if strings.Contains(importPath, "internal") {
			continue
		}
		ix.paths = append(ix.paths, importPath)
		if old, ok := ix.byName[name]; ok && !preferPath(importPath, old.Path) {
			continue
		}
		ix.byName[name] = &outcome.Package{Path: importPath, Name: name, Members: Members(syms)}
	}
	// The generic functions and types, which no symbol table holds.
	for _, g := range stdlib.Generic() {
		pkg := ix.byName[path.Base(g.Path)]
		if pkg == nil || pkg.Path != g.Path {
			continue
		}
		have := map[string]bool{}
		for _, m := range pkg.Members {
			have[m.Name] = true
		}
		for _, m := range g.Members {
			if !have[m.Name] {
				pkg.Members = append(pkg.Members, m)
			}
		}
		sort.Slice(pkg.Members, func(i, j int) bool { return pkg.Members[i].Name < pkg.Members[j].Name })
	}
	sort.Strings(ix.paths)
	return ix
})

// preferPath decides which package a name means when several standard
// packages share it: the one a student most likely wants, else the shorter.
func preferPath(p, than string) bool {
	for _, favourite := range []string{"math/rand", "text/template"} {
		if p == favourite || than == favourite {
			return p == favourite
		}
	}
	if len(p) != len(than) {
		return len(p) < len(than)
	}
	return p < than
}

// Members describes the exported names of a symbol table in yaegi's form
// (what interp.Use takes for one package), sorted by name:
//   - a variable is an addressable value, reflect.ValueOf(&v).Elem():
//     Kind "var", Signature its type;
//   - a function: Kind "func", Signature "func(…) …";
//   - a type is a nil pointer to it, reflect.ValueOf((*T)(nil)): Kind
//     "type", Signature its kind ("struct", "interface", "int");
//   - anything else is a constant: Kind "const", Signature its type, or
//     "untyped int" (float, string, …) for an untyped one.
//
// yaegi's wrapper types for interfaces ("_io_Reader") are not exported
// names and are left out.
func Members(syms map[string]reflect.Value) []outcome.Member {
	out := make([]outcome.Member, 0, len(syms))
	for name, v := range syms {
		if !ast.IsExported(name) || !v.IsValid() {
			continue
		}
		out = append(out, member(name, v))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func member(name string, v reflect.Value) outcome.Member {
	switch {
	case v.CanAddr():
		return outcome.Member{Name: name, Kind: "var", Signature: v.Type().String()}
	case v.Kind() == reflect.Func:
		return outcome.Member{Name: name, Kind: "func", Signature: v.Type().String()}
	case v.Kind() == reflect.Pointer && v.IsNil():
		return outcome.Member{Name: name, Kind: "type", Signature: v.Type().Elem().Kind().String()}
	}
	sig := v.Type().String()
	if c, ok := v.Interface().(constant.Value); ok {
		sig = "untyped " + strings.ToLower(c.Kind().String())
	}
	return outcome.Member{Name: name, Kind: "const", Signature: sig}
}

// Describe documents one name of p from its members alone, without doc
// comments: the import line, then "func display.HTML(s string)",
// "type display.Bar struct", "var io.EOF error" or "const math.Pi untyped
// float". ok is false when p has no such name.
func Describe(p *outcome.Package, name string) (string, bool) {
	var m outcome.Member
	for _, m = range p.Members {
		if m.Name == name {
			break
		}
	}
	if m.Name != name {
		return "", false
	}
	full := p.Name + "." + name
	text := fmt.Sprintf("%s %s %s", m.Kind, full, m.Signature)
	if m.Kind == "func" {
		text = "func " + full + strings.TrimPrefix(m.Signature, "func")
	}
	return `import "` + p.Path + `"` + "\n\n" + text, true
}

// packageLine is how a package is introduced, as `go doc` does.
func packageLine(p *outcome.Package) string {
	return "package " + p.Name + ` // import "` + p.Path + `"`
}
