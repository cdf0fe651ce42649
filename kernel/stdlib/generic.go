package stdlib

// The generic standard library.
//
// Generic functions and types (slices.Sort, maps.Keys, iter.Pull,
// sync.OnceValue, atomic.Pointer, errors.AsType) cannot live in a compiled
// symbol table. yaegi v0.16.1 interprets Go 1.22's slices, maps and cmp
// from source at start-up, but most of those functions fail when called
// (`slices.Reverse(s)`: "undefined type for E"), and it has nothing for
// iter, sync.OnceValue, atomic.Pointer or errors.AsType. generic/ holds our
// own sources, one folder per package (generic/sync/atomic is
// sync/atomic), which a Loader compiles into an interpreter, each package
// on the first import of it. generic/strings and generic/bytes wrap the
// compiled iterator functions (strings.SplitSeq, ...) so that the generic
// functions can infer from them.
//
// The sources are real .go files of ordinary packages of this module,
// rather than .go.txt: `go build` and `go vet` check them, and
// TestGenericSourceRules type-checks them for the rules below. Nothing
// imports them; the kernel embeds their text. The compiled helpers they
// call (sorting, the error-tree walk, atomic.Pointer's mutex) are package
// internal/native, registered in the interpreter under its real import
// path, so the same import line works compiled and interpreted.
//
// What yaegi v0.16.1 digests is narrower than Go; every source keeps to
// it, and TestGenericSourceRules checks each rule (TestGenericSourceRulesCatch
// that it fires):
//
//   - no min, max or clear builtins, no range over an integer or a
//     function (yaegi lacks them; the front-end's rewrites do not run on
//     these sources);
//   - no package-level variable: a package compiled after the first cell
//     gives its variables frame slots that the variables of later cells
//     get too (a cell's `var d = "four"` landed in errors.As);
//   - no type parameter that appears only in another one's constraint:
//     `func Reverse[S ~[]E, E any](s S)` fails with "undefined type for E",
//     so it is `func Reverse[E any](s []E)`;
//   - no type parameter that appears only in a variadic parameter: yaegi
//     infers nothing from `...T` (cmp.Or and slices.Concat take their first
//     value as a parameter of their own);
//   - yaegi infers type arguments by position, from the parameter types read
//     left to right (map[K]V1, map[K]V2 gives K, V1, K, V2), not by name:
//     the type parameter list reads in that order (see maps.EqualFunc);
//     parameters are not grouped (`a, b []E`: yaegi pairs groups, not
//     parameters, with the arguments);
//   - no parameter of an instantiated generic type (seq iter.Seq[V]): yaegi
//     binds V to a func literal's whole type. The iterator functions take
//     and return plain func types, which iter.Seq values are assignable to
//     and from;
//   - no generic function that calls itself, no instantiated generic
//     function as a value (compare[E]), no generic struct with a field of a
//     named type, no tuple assignment to an interface-typed variable
//     (each fails to compile or run in yaegi; the rule names the message);
//   - no import of cmp: yaegi's own slices source imports it in the same
//     package scope ("cmp/_.go redeclared in this block"), and its compiled
//     table is empty anyway. Each source is self-contained.
//
// How a source joins the interpreter. in.Compile of a file with `package
// slices` merges into the package scope yaegi's own slices source made: a
// name declared again replaces yaegi's, the others stay. The package is
// then also a name in the interpreter's universe, and that name wins over
// an import of a compiled package of the same name: once a `package sync`
// source is compiled, `sync.Mutex` in any cell looks in the source package,
// not in the compiled sync. So for a package yaegi has compiled (errors,
// sync, sync/atomic, strings, bytes), the Loader compiles the source with a
// dot-import of the compiled package (`import . "sync"`): every compiled
// member becomes a member of the source package, as yaegi's own import
// code makes it, without a declaration or a frame slot. The members are
// read from the interpreter when the package is loaded: what the engine
// installed with Use before (its sync.WaitGroup, its errors.As) is what
// cells get. Execute after Compile builds the bodies of the sources'
// functions that are not generic.
//
// The contract for the engine is in the package documentation (stdlib.go).
//
// Lazy or eager: loading all nine packages takes 11 to 23 ms on the
// development machine on a worker's first load (BenchmarkLoad: about 11 ms
// warm, slices 5 ms of it), against 6 to 9 ms for in.Use(Symbols()).
// Lazy loading keeps that off the start-up of a kernel whose cells import
// none of them, and keeps a program that never imports sync or strings on
// yaegi's compiled path and out of reach of names Go would call undefined.

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/stdlib/internal/native"
	"github.com/traefik/yaegi/interp"
)

//go:embed generic
var genericFS embed.FS

// Package describes one package of the generic standard library.
type Package struct {
	Path  string   // import path: "slices", "sync/atomic"
	Names []string // the exported names its source declares, sorted
	// Members describes them for completion: funcs with their generic
	// signature ("func[E cmp.Ordered](x []E)"), types and vars.
	Members []outcome.Member
}

// genericPkg is one package's source, merged from its files.
type genericPkg struct {
	Package
	name     string            // package name: "atomic"
	imports  map[string]string // alias -> import path
	body     string            // the files' declarations, after their imports
	declared map[string]bool   // every top-level name the source declares
}

var generics = sync.OnceValues(func() (map[string]*genericPkg, error) {
	pkgs := map[string]*genericPkg{}
	err := fs.WalkDir(genericFS, "generic", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, err := genericFS.ReadFile(p)
		if err != nil {
			return err
		}
		ipath := strings.TrimPrefix(path.Dir(p), "generic/")
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
		if err != nil {
			return err
		}
		g := pkgs[ipath]
		if g == nil {
			g = &genericPkg{Package: Package{Path: ipath}, name: f.Name.Name, imports: map[string]string{}, declared: map[string]bool{}}
			pkgs[ipath] = g
		}
		for _, im := range f.Imports {
			ip, _ := strconv.Unquote(im.Path.Value)
			alias := path.Base(ip)
			if im.Name != nil {
				alias = im.Name.Name
			}
			if old, ok := g.imports[alias]; ok && old != ip {
				return fmt.Errorf("%s: import name %s is %q in another file", p, alias, old)
			}
			g.imports[alias] = ip
		}
		// The declarations, with the comments between them, from the first
		// one that is not an import to the end of the file.
		start := -1
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
				continue
			}
			pos := d.Pos()
			if doc := docOf(d); doc != nil {
				pos = doc.Pos()
			}
			start = fset.Position(pos).Offset
			break
		}
		if start >= 0 {
			g.body += fmt.Sprintf("\n// %s\n\n", path.Base(p)) + string(src[start:])
		}
		for _, d := range f.Decls {
			for _, name := range declNames(d) {
				g.declared[name] = true
				if ast.IsExported(name) {
					g.Names = append(g.Names, name)
					g.Members = append(g.Members, member(fset, d, name))
				}
			}
		}
		return nil
	})
	for _, g := range pkgs {
		sort.Strings(g.Names)
		sort.Slice(g.Members, func(i, j int) bool { return g.Members[i].Name < g.Members[j].Name })
	}
	return pkgs, err
})

func docOf(d ast.Decl) *ast.CommentGroup {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Doc
	case *ast.GenDecl:
		return d.Doc
	}
	return nil
}

// member describes name, declared by d, as completion shows it.
func member(fset *token.FileSet, d ast.Decl, name string) outcome.Member {
	switch d := d.(type) {
	case *ast.FuncDecl:
		var b strings.Builder
		printer.Fprint(&b, fset, d.Type)
		return outcome.Member{Name: name, Kind: "func", Signature: b.String()}
	case *ast.GenDecl:
		switch d.Tok {
		case token.TYPE:
			return outcome.Member{Name: name, Kind: "type", Signature: "generic type"}
		case token.CONST:
			return outcome.Member{Name: name, Kind: "const"}
		}
	}
	return outcome.Member{Name: name, Kind: "var"}
}

// declNames are the package-level names d declares (methods are not).
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}

// Generic lists the packages of the generic standard library, by import
// path, with the names their sources declare (what completion can offer
// beyond Symbols()).
func Generic() []Package {
	pkgs, err := generics()
	if err != nil {
		panic("stdlib: embedded generic sources: " + err.Error()) // a build that cannot happen
	}
	list := make([]Package, 0, len(pkgs))
	for _, g := range pkgs {
		list = append(list, Package{Path: g.Path, Names: append([]string(nil), g.Names...), Members: append([]outcome.Member(nil), g.Members...)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Path < list[j].Path })
	return list
}

// source is the package's text: its files' declarations after their
// imports and, for a package yaegi also has compiled (see the comment at
// the top of this file), a dot-import of the compiled package.
func (g *genericPkg) source() string {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", g.name)
	imports := make([]string, 0, len(g.imports)+1)
	for alias, ip := range g.imports {
		imports = append(imports, fmt.Sprintf("import %s %q\n", alias, ip))
	}
	if len(Symbols()[g.Path+"/"+g.name]) > 0 {
		imports = append(imports, fmt.Sprintf("import . %q // the compiled package's members\n", g.Path))
	}
	sort.Strings(imports)
	for _, im := range imports {
		b.WriteString(im)
	}
	b.WriteString(g.body)
	return b.String()
}

// Loader compiles the generic sources into one interpreter, each package
// once, on demand.
type Loader struct {
	in   *interp.Interpreter
	mu   sync.Mutex
	done map[string]error
}

// NewLoader prepares in for the generic sources: it registers the compiled
// helpers they call (package internal/native). Create it after every
// in.Use of the engine.
func NewLoader(in *interp.Interpreter) (*Loader, error) {
	if err := in.Use(native.Symbols()); err != nil {
		return nil, fmt.Errorf("stdlib: registering %s: %w", native.Path, err)
	}
	if _, err := generics(); err != nil {
		return nil, fmt.Errorf("stdlib: embedded generic sources: %w", err)
	}
	return &Loader{in: in, done: map[string]error{}}, nil
}

// Load compiles the generic source of each of paths (import paths, as a
// cell's imports name them) that has one and is not loaded yet. Paths
// without a generic source are ignored. A package that failed to load
// fails again with the same error, without another try.
func (l *Loader) Load(paths ...string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []string
	for _, p := range paths {
		err, seen := l.done[p]
		if !seen {
			err = l.load(p)
			l.done[p] = err
		}
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// Loaded reports whether path's generic source is compiled in the
// interpreter.
func (l *Loader) Loaded(path string) bool {
	pkgs, _ := generics()
	l.mu.Lock()
	defer l.mu.Unlock()
	err, ok := l.done[path]
	return ok && err == nil && pkgs[path] != nil
}

func (l *Loader) load(path string) error {
	pkgs, _ := generics()
	g := pkgs[path]
	if g == nil {
		return nil
	}
	prog, err := l.in.Compile(g.source())
	if err != nil {
		return fmt.Errorf("stdlib: compiling the generic source of %s: %w", path, err)
	}
	// Compile declares; Execute builds the bodies of the functions that
	// are not generic.
	if _, err := l.in.Execute(prog); err != nil {
		return fmt.Errorf("stdlib: initialising the generic source of %s: %w", path, err)
	}
	return nil
}
