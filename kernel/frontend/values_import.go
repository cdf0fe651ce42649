package frontend

// The packages a cell imports, as go/types sees them: built from the
// interpreter's own symbol tables (reflect values of every exported
// function, variable, constant and type), so that the static types the
// values pass computes are those of the packages the cell really runs
// against — the engine's os.Stdout, the bundled modules, gokernel/display —
// and no Go toolchain or export data is needed at run time.
//
// What a symbol table cannot say is left out: generic functions and types
// (they have no compiled form) and unexported methods. A cell using them
// gets an invalid type for that expression, which the values pass treats as
// "unknown, look at the value".

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"strings"
)

// SymbolTable returns the symbols the interpreter has for an import path and
// the package's name; ok is false for a path it does not know.
type SymbolTable func(importPath string) (name string, syms map[string]reflect.Value, ok bool)

// symImporter is a types.Importer over a SymbolTable. It converts reflect
// types to go/types types once each; packages that symbols only refer to
// (internal/poll for os.File's fields) get a package of their own, holding
// just the types met.
type symImporter struct {
	table SymbolTable
	pkgs  map[string]*types.Package
	done  map[string]bool // packages whose symbol table was read
	named map[reflect.Type]types.Type
	// rename names a type after the symbol that exposes it
	rename map[reflect.Type]*types.TypeName
}

func newSymImporter(t SymbolTable) *symImporter {
	return &symImporter{table: t, pkgs: map[string]*types.Package{}, done: map[string]bool{}, named: map[reflect.Type]types.Type{},
		rename: map[reflect.Type]*types.TypeName{}}
}

// Import implements types.Importer.
func (im *symImporter) Import(p string) (*types.Package, error) {
	if p == "unsafe" {
		return types.Unsafe, nil
	}
	if im.done[p] {
		return im.pkgs[p], nil
	}
	name, syms, ok := im.table(p)
	if !ok {
		return nil, fmt.Errorf("package %s is not in the interpreter", p)
	}
	pkg := im.pkg(p, name)
	pkg.SetName(name) // it may have been made for a type met earlier
	im.done[p] = true
	isType := func(v reflect.Value) bool { return v.Kind() == reflect.Pointer && v.IsNil() && !v.CanAddr() }
	for _, types := range []bool{true, false} { // types first: they may rename what funcs use
		for sym, v := range syms {
			if strings.HasPrefix(sym, "_") || !token.IsExported(sym) || !v.IsValid() || isType(v) != types {
				continue // yaegi's interface wrappers (_io_Reader) and helpers
			}
			if obj := im.object(pkg, sym, v); obj != nil && pkg.Scope().Lookup(sym) == nil {
				pkg.Scope().Insert(obj)
			}
		}
	}
	pkg.MarkComplete()
	return pkg, nil
}

// pkg returns the package for path p, creating it (named name, or after its
// last element) when new.
func (im *symImporter) pkg(p, name string) *types.Package {
	if pkg, ok := im.pkgs[p]; ok {
		return pkg
	}
	if name == "" {
		name = path.Base(p)
	}
	pkg := types.NewPackage(p, name)
	im.pkgs[p] = pkg
	return pkg
}

// object converts one symbol: a type is given as a nil pointer to it, a
// variable as an addressable value, a function as a func value, a constant
// as a constant.Value (untyped) or a value of its type.
func (im *symImporter) object(pkg *types.Package, name string, v reflect.Value) types.Object {
	switch {
	case v.Kind() == reflect.Pointer && v.IsNil() && !v.CanAddr():
		t := v.Type().Elem()
		if _, made := im.named[t]; !made && t.Name() != "" && strings.HasPrefix(t.PkgPath(), "github.com/traefik/yaegi/") {
			// One of yaegi's own types under a standard name (its
			// log.Logger is a wrapper, stdlib.logLogger): it is that
			// name in this package. (A real alias, os.FileMode for
			// fs.FileMode, keeps its own package.)
			im.rename[t] = types.NewTypeName(token.NoPos, pkg, name, nil)
		}
		if n, ok := im.typ(t).(*types.Named); ok && n.Obj().Name() == name && n.Obj().Pkg() == pkg {
			return n.Obj()
		}
		// An alias in the table (a name for another package's type).
		return types.NewTypeName(token.NoPos, pkg, name, im.typ(t))
	case v.CanAddr():
		return types.NewVar(token.NoPos, pkg, name, im.typ(v.Type()))
	case v.Kind() == reflect.Func:
		sig, ok := im.typ(v.Type()).(*types.Signature)
		if !ok {
			return nil
		}
		return types.NewFunc(token.NoPos, pkg, name, sig)
	}
	if c, ok := v.Interface().(constant.Value); ok {
		kinds := map[constant.Kind]types.BasicKind{constant.Bool: types.UntypedBool, constant.String: types.UntypedString,
			constant.Int: types.UntypedInt, constant.Float: types.UntypedFloat, constant.Complex: types.UntypedComplex}
		k, ok := kinds[c.Kind()]
		if !ok {
			return nil
		}
		return types.NewConst(token.NoPos, pkg, name, types.Typ[k], c)
	}
	var c constant.Value
	switch v.Kind() {
	case reflect.Bool:
		c = constant.MakeBool(v.Bool())
	case reflect.String:
		c = constant.MakeString(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c = constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c = constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		c = constant.MakeFloat64(v.Float())
	default:
		return types.NewVar(token.NoPos, pkg, name, im.typ(v.Type()))
	}
	return types.NewConst(token.NoPos, pkg, name, im.typ(v.Type()), c)
}

var basicKinds = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

var errorType = reflect.TypeFor[error]()

// typ converts a reflect type. Named types are made once, before their
// underlying type, so that recursive types end.
func (im *symImporter) typ(t reflect.Type) types.Type {
	if got, ok := im.named[t]; ok {
		return got
	}
	if t == errorType {
		return types.Universe.Lookup("error").Type()
	}
	if t.Name() != "" && t.PkgPath() == "" { // a predeclared type
		if k, ok := basicKinds[t.Kind()]; ok {
			return types.Typ[k]
		}
	}
	if t.Name() != "" {
		obj := im.rename[t]
		if obj == nil {
			obj = types.NewTypeName(token.NoPos, im.pkg(t.PkgPath(), ""), t.Name(), nil)
		}
		n := types.NewNamed(obj, nil, nil)
		im.named[t] = n
		// Not put in pkg's scope: only the symbol table says what a name
		// means there (yaegi's log.Logger is its own wrapper type).
		n.SetUnderlying(im.structure(t))
		if t.Kind() != reflect.Interface {
			im.methods(n, t)
		}
		return n
	}
	return im.structure(t)
}

// structure is t's type literal: for a named type, its underlying type.
func (im *symImporter) structure(t reflect.Type) types.Type {
	if k, ok := basicKinds[t.Kind()]; ok {
		return types.Typ[k]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return types.NewPointer(im.typ(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(im.typ(t.Elem()))
	case reflect.Array:
		return types.NewArray(im.typ(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(im.typ(t.Key()), im.typ(t.Elem()))
	case reflect.Chan:
		dir := map[reflect.ChanDir]types.ChanDir{reflect.BothDir: types.SendRecv, reflect.SendDir: types.SendOnly, reflect.RecvDir: types.RecvOnly}[t.ChanDir()]
		return types.NewChan(dir, im.typ(t.Elem()))
	case reflect.Func:
		return im.signature(t, nil, 0)
	case reflect.Struct:
		var fields []*types.Var
		var tags []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			fields = append(fields, types.NewField(token.NoPos, im.fieldPkg(f.PkgPath), f.Name, im.typ(f.Type), f.Anonymous))
			tags = append(tags, string(f.Tag))
		}
		return types.NewStruct(fields, tags)
	case reflect.Interface:
		var ms []*types.Func
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			sig := im.signature(m.Type, nil, 0)
			ms = append(ms, types.NewFunc(token.NoPos, im.fieldPkg(m.PkgPath), m.Name, sig))
		}
		it := types.NewInterfaceType(ms, nil)
		it.Complete()
		return it
	}
	return types.Typ[types.Invalid]
}

// fieldPkg is the package of an unexported field or method (nil for an
// exported one, which go/types allows).
func (im *symImporter) fieldPkg(p string) *types.Package {
	if p == "" {
		return nil
	}
	return im.pkg(p, "")
}

// signature converts a func type; skip leading parameters are dropped (the
// receiver of a method value's type) and recv, when set, is the receiver.
func (im *symImporter) signature(t reflect.Type, recv *types.Var, skip int) *types.Signature {
	var params, results []*types.Var
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", im.typ(t.In(i))))
	}
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, nil, "", im.typ(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

// methods adds the exported methods of the named type t: those of T have a
// value receiver, those only *T has a pointer receiver.
func (im *symImporter) methods(n *types.Named, t reflect.Type) {
	value := map[string]bool{}
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		value[m.Name] = true
		recv := types.NewVar(token.NoPos, nil, "", n)
		n.AddMethod(types.NewFunc(token.NoPos, n.Obj().Pkg(), m.Name, im.signature(m.Type, recv, 1)))
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		m := pt.Method(i)
		if value[m.Name] {
			continue
		}
		recv := types.NewVar(token.NoPos, nil, "", types.NewPointer(n))
		n.AddMethod(types.NewFunc(token.NoPos, n.Obj().Pkg(), m.Name, im.signature(m.Type, recv, 1)))
	}
}
