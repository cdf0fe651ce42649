package frontend

// The type checker's view of the packages a cell can import: exactly what the
// interpreter offers, built from the interpreter's own symbol tables (the
// reflect values interp.Use takes) and, for the generic parts no compiled
// table can hold, from the Go source the interpreter compiles.
//
// Why not go/importer: importer.ForCompiler(fset, "source", nil) type-checks
// GOROOT's source, which took 0.95 s for fmt and 2.5 s for net/http on the
// development machine (first import; cached afterwards); importer.Default()
// reads export data that Go 1.20 and later no longer ship, so it runs `go
// list -export` (96 ms for fmt, 186 ms for net/http with a warm build cache,
// seconds with a cold one) and needs the toolchain at run time. Both also
// describe Go's standard library, not the interpreter's: they know generic
// functions the interpreter lacks, and not the kernel's own packages
// (gokernel/display) or its os.Stdout, which is not an *os.File. Converting
// the symbol tables takes a few milliseconds per package (see types.go),
// needs no toolchain and answers for what the interpreter will actually run.
//
// What the tables cannot say, and what that costs: parameter names (signatures
// print as func(string, ...any)), unexported methods (an interface with one
// is not satisfied by a table's type), the difference between a typed
// constant and a variable of a type the table gives by value (yaegi's tables
// give variables by address), rune constants (untyped int here). None of
// these changes what a valid cell's types are.

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Packages is what the interpreter offers cells to import, for the type
// checker.
type Packages struct {
	// Tables are symbol tables as interp.Use takes them: "path/name" → symbol
	// → value (a type as a nil pointer to it, a variable by address, a func,
	// a constant by value or as a constant.Value when untyped). A later
	// table's symbol replaces an earlier one's of the same name, as a later
	// interp.Use does.
	Tables []map[string]map[string]reflect.Value
	// Sources are the Go files the interpreter compiles for a package's
	// generic functions and types (import path → file contents). They are
	// type-checked on top of the package's table; a source may dot-import its
	// own path to see the table's members.
	Sources map[string][]string
	// Symbols, when set, answers for a path no table or source has: the
	// packages the interpreter compiled from source (a module's, after
	// `%go get`), whose symbols only the interpreter can give.
	Symbols SymbolTable
}

// SymbolTable returns the symbols the interpreter has for an import path and
// the package's name; ok is false for a path it does not know.
type SymbolTable func(importPath string) (name string, syms map[string]reflect.Value, ok bool)

// checkImporter is a types.Importer over Packages; packages are converted on
// their first import and kept.
type checkImporter struct {
	mu      sync.Mutex
	tables  map[string]*table
	sources map[string][]string
	pkgs    map[string]*types.Package // every package a converted type mentioned, by path
	done    map[string]bool           // packages whose scope is filled
	conv    map[reflect.Type]types.Type
	fset    *token.FileSet
	symbols SymbolTable
	// rename names one of yaegi's own types after the symbol that exposes
	// it under a standard name (its log.Logger is a wrapper,
	// stdlib.logLogger): to the cell, that type is log.Logger.
	rename map[reflect.Type]*types.TypeName
}

// table is one package's symbols: the tables that have it, in order.
type table struct {
	name   string
	layers []map[string]reflect.Value
}

func newCheckImporter(p Packages) *checkImporter {
	im := &checkImporter{tables: map[string]*table{}, sources: p.Sources, pkgs: map[string]*types.Package{},
		done: map[string]bool{}, conv: map[reflect.Type]types.Type{}, fset: token.NewFileSet(),
		symbols: p.Symbols, rename: map[reflect.Type]*types.TypeName{}}
	for _, t := range p.Tables {
		for key, syms := range t {
			dir, name := path.Dir(key), path.Base(key)
			tb := im.tables[dir]
			if tb == nil {
				tb = &table{name: name}
				im.tables[dir] = tb
			}
			tb.layers = append(tb.layers, syms)
		}
	}
	return im
}

// symbols merges the table's layers, the later winning.
func (tb *table) symbols() map[string]reflect.Value {
	if len(tb.layers) == 1 {
		return tb.layers[0]
	}
	m := map[string]reflect.Value{}
	for _, l := range tb.layers {
		for s, v := range l {
			m[s] = v
		}
	}
	return m
}

// Import implements types.Importer.
func (im *checkImporter) Import(p string) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.load(p)
}

func (im *checkImporter) load(p string) (*types.Package, error) {
	if p == "unsafe" {
		return types.Unsafe, nil
	}
	if im.done[p] {
		return im.pkgs[p], nil
	}
	tb, srcs := im.tables[p], im.sources[p]
	if tb == nil && srcs == nil && im.symbols != nil {
		if _, made := im.pkgs[p]; !made {
			if name, syms, ok := im.symbols(p); ok {
				tb = &table{name: name, layers: []map[string]reflect.Value{syms}}
				im.tables[p] = tb
			}
		}
	}
	if tb == nil && srcs == nil {
		// A package no table has, that a converted type belongs to (the
		// kernel's own os.Stdout type, an internal package): the session's
		// variables may name its types under a hidden import.
		if pkg, ok := im.pkgs[p]; ok {
			pkg.MarkComplete()
			return pkg, nil
		}
		return nil, &importError{p}
	}
	pkg := im.pkg(p)
	im.done[p] = true
	files := im.parse(p, srcs)
	if tb != nil {
		im.fill(pkg, tb, declared(files))
	}
	if len(files) > 0 {
		im.addSources(pkg, files)
	}
	pkg.MarkComplete()
	return pkg, nil
}

// loaded is the package of path p if an import or a converted type made
// it, or nil.
func (im *checkImporter) loaded(p string) *types.Package {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.pkgs[p]
}

type importError struct{ path string }

func (e *importError) Error() string { return "package " + e.path + " is not in std" }

// pkg is the one *types.Package of path p, made on first mention.
func (im *checkImporter) pkg(p string) *types.Package {
	if pkg, ok := im.pkgs[p]; ok {
		return pkg
	}
	name := guessName(p)
	if tb := im.tables[p]; tb != nil {
		name = tb.name
	}
	pkg := types.NewPackage(p, name)
	im.pkgs[p] = pkg
	return pkg
}

var versionRE = regexp.MustCompile(`^v[0-9]+$`)

// guessName is the name of a package no table names: its path's last
// element, not counting a major version suffix.
func guessName(p string) string {
	elems := strings.Split(p, "/")
	name := elems[len(elems)-1]
	if versionRE.MatchString(name) && len(elems) > 1 {
		name = elems[len(elems)-2]
	}
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' {
			return '_'
		}
		return r
	}, name)
}

var constantValue = reflect.TypeFor[constant.Value]()

// fill declares a table's symbols in pkg's scope, but for those the
// package's source declares again (its own version wins, as in the
// interpreter).
func (im *checkImporter) fill(pkg *types.Package, tb *table, skip map[string]bool) {
	scope := pkg.Scope()
	syms := tb.symbols()
	for name, v := range syms {
		if v.IsValid() && v.Kind() == reflect.Pointer && !v.CanAddr() && v.IsNil() && token.IsExported(name) {
			t := v.Type().Elem()
			if _, made := im.conv[t]; !made && t.Name() != "" && strings.HasPrefix(t.PkgPath(), "github.com/traefik/yaegi/") {
				im.rename[t] = types.NewTypeName(token.NoPos, pkg, name, nil)
			}
		}
	}
	// Types first: the table says what a type's name means in the package
	// (yaegi's log.Logger is its wrapper, though log.Default returns the
	// real *log.Logger, which must not take the name).
	isType := func(v reflect.Value) bool {
		return v.IsValid() && v.Kind() == reflect.Pointer && !v.CanAddr() && v.IsNil()
	}
	names := make([]string, 0, len(syms))
	for name := range syms {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		ti, tj := isType(syms[names[i]]), isType(syms[names[j]])
		return ti && !tj || ti == tj && names[i] < names[j]
	})
	for _, name := range names {
		v := syms[name]
		if skip[name] || strings.HasPrefix(name, "_") || !token.IsExported(name) || !v.IsValid() || scope.Lookup(name) != nil {
			continue // interface wrappers (_Reader) and such
		}
		var obj types.Object
		switch {
		case v.Kind() == reflect.Pointer && !v.CanAddr() && v.IsNil():
			// A type, given as (*T)(nil).
			t := im.typ(v.Type().Elem())
			if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == pkg && n.Obj().Name() == name {
				continue // declared by im.typ
			}
			obj = types.NewTypeName(token.NoPos, pkg, name, t) // an alias (os.FileMode = fs.FileMode)
		case v.CanAddr():
			obj = types.NewVar(token.NoPos, pkg, name, im.typ(v.Type()))
		case v.Kind() == reflect.Func:
			obj = types.NewFunc(token.NoPos, pkg, name, im.signature(v.Type(), nil))
		case v.Type().Implements(constantValue):
			cv := v.Interface().(constant.Value)
			obj = types.NewConst(token.NoPos, pkg, name, types.Typ[untypedKind(cv)], cv)
		default:
			t := im.typ(v.Type())
			cv := constOf(v)
			if cv == nil {
				obj = types.NewVar(token.NoPos, pkg, name, t)
			} else {
				obj = types.NewConst(token.NoPos, pkg, name, t, cv)
			}
		}
		scope.Insert(obj)
	}
}

func untypedKind(cv constant.Value) types.BasicKind {
	switch cv.Kind() {
	case constant.Bool:
		return types.UntypedBool
	case constant.String:
		return types.UntypedString
	case constant.Float:
		return types.UntypedFloat
	case constant.Complex:
		return types.UntypedComplex
	}
	return types.UntypedInt
}

// constOf is the constant a table gives by value (time.Second), or nil for a
// value of a kind no constant has.
func constOf(v reflect.Value) constant.Value {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c))))
	case reflect.String:
		return constant.MakeString(v.String())
	}
	return nil
}

var checkBasicKinds = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

var checkErrorType = reflect.TypeFor[error]()

// typ converts a reflect type. A named type becomes a *types.Named of its
// package, declared in that package's scope, with its exported methods.
func (im *checkImporter) typ(t reflect.Type) types.Type {
	if r, ok := im.conv[t]; ok {
		return r
	}
	if t == checkErrorType {
		return types.Universe.Lookup("error").Type()
	}
	if t.Name() == "" || t.PkgPath() == "" || t.Kind() == reflect.UnsafePointer {
		r := im.underlying(t, nil)
		im.conv[t] = r
		return r
	}
	pkg := im.pkg(t.PkgPath())
	tn := types.NewTypeName(token.NoPos, pkg, t.Name(), nil)
	if r := im.rename[t]; r != nil {
		tn, pkg = r, r.Pkg()
	}
	named := types.NewNamed(tn, nil, nil)
	im.conv[t] = named
	if pkg.Scope().Lookup(tn.Name()) == nil {
		pkg.Scope().Insert(tn)
	}
	named.SetUnderlying(im.underlying(t, pkg))
	if t.Kind() != reflect.Interface {
		pt := reflect.PointerTo(t)
		for i := range pt.NumMethod() {
			m := pt.Method(i)
			var recv types.Type = types.NewPointer(named)
			if _, ok := t.MethodByName(m.Name); ok {
				recv = named
			}
			sig := im.signature(m.Type, types.NewParam(token.NoPos, pkg, "", recv))
			named.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, sig))
		}
	}
	return named
}

// underlying converts t's structure; pkg is the package of the named type
// being converted, if any (for its exported fields and methods).
func (im *checkImporter) underlying(t reflect.Type, pkg *types.Package) types.Type {
	if k, ok := checkBasicKinds[t.Kind()]; ok {
		return types.Typ[k]
	}
	switch t.Kind() {
	case reflect.Array:
		return types.NewArray(im.typ(t.Elem()), int64(t.Len()))
	case reflect.Slice:
		return types.NewSlice(im.typ(t.Elem()))
	case reflect.Pointer:
		return types.NewPointer(im.typ(t.Elem()))
	case reflect.Map:
		return types.NewMap(im.typ(t.Key()), im.typ(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, im.typ(t.Elem()))
	case reflect.Func:
		return im.signature(t, nil)
	case reflect.Struct:
		fields := make([]*types.Var, t.NumField())
		tags := make([]string, t.NumField())
		for i := range t.NumField() {
			f := t.Field(i)
			fp := pkg
			if f.PkgPath != "" {
				fp = im.pkg(f.PkgPath)
			}
			fields[i] = types.NewField(token.NoPos, fp, f.Name, im.typ(f.Type), f.Anonymous)
			tags[i] = string(f.Tag)
		}
		return types.NewStruct(fields, tags)
	case reflect.Interface:
		var methods []*types.Func
		for i := range t.NumMethod() {
			m := t.Method(i)
			mp := pkg
			if m.PkgPath != "" {
				mp = im.pkg(m.PkgPath)
			}
			methods = append(methods, types.NewFunc(token.NoPos, mp, m.Name, im.signature(m.Type, nil)))
		}
		return types.NewInterfaceType(methods, nil).Complete()
	}
	return types.Typ[types.Invalid]
}

// signature converts a func type; with recv set, t is a method's type as
// reflect gives it, the receiver first.
func (im *checkImporter) signature(t reflect.Type, recv *types.Var) *types.Signature {
	first := 0
	if recv != nil {
		first = 1
	}
	var params, results []*types.Var
	for i := first; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", im.typ(t.In(i))))
	}
	for i := range t.NumOut() {
		results = append(results, types.NewParam(token.NoPos, nil, "", im.typ(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

// parse parses a package's sources.
func (im *checkImporter) parse(p string, srcs []string) []*ast.File {
	var files []*ast.File
	for i, src := range srcs {
		f, err := parser.ParseFile(im.fset, p+"/"+string(rune('a'+i))+".go", src, parser.SkipObjectResolution)
		if err == nil {
			files = append(files, f)
		}
	}
	return files
}

// declared are the package-level names files declare.
func declared(files []*ast.File) map[string]bool {
	names := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				continue
			}
			for _, n := range declNames(d) {
				names[n] = true
			}
		}
	}
	return names
}

// addSources type-checks the Go source of a package's generic part and
// declares its exported names in pkg's scope, next to the table's. An
// import of the package's own path (the dot import such a source uses to
// see the compiled members) is the table's package. Errors in the source
// are ignored (an import of the kernel's internal helpers, say): what
// type-checks is kept.
func (im *checkImporter) addSources(pkg *types.Package, files []*ast.File) {
	conf := types.Config{
		Importer: importerFunc(func(p string) (*types.Package, error) {
			if p == pkg.Path() {
				return pkg, nil
			}
			return im.load(p)
		}),
		Error: func(error) {},
	}
	src, _ := conf.Check(pkg.Path(), im.fset, files, nil)
	if src == nil {
		return
	}
	for _, name := range src.Scope().Names() {
		if token.IsExported(name) && pkg.Scope().Lookup(name) == nil {
			pkg.Scope().Insert(src.Scope().Lookup(name))
		}
	}
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(p string) (*types.Package, error) { return f(p) }
