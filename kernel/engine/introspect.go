package engine

import (
	"context"
	"go/ast"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
)

// Introspection for magics (%who), completion after "x." and inspection.
//
// yaegi behaviour answered: a value of a struct type declared in a cell has
// an unnamed reflect type ("struct { X int; Y int }") with no methods. The
// engine names such types itself (typeNames, filled when a cell declares a
// type) and takes their methods from the cells' declarations (funcs).

// Eval evaluates src in the interpreter as it is, without the front-end
// (for the kernel's own helpers: a name, a call of a helper func).
func (e *Engine) Eval(ctx context.Context, src string) (reflect.Value, error) {
	return e.eval(ctx, src)
}

// nameTypes records the reflect type of each non-generic struct type the
// cell declared, and the signatures of its methods.
func (e *Engine) nameTypes(ctx context.Context, c *frontend.Cell) {
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if def := e.funcs[declKey(d)]; def != nil {
				def.sig = c.Text(d.Type)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok || ts.TypeParams != nil {
					continue
				}
				v, err := e.eval(ctx, "new("+ts.Name.Name+")")
				if err != nil || !v.IsValid() || v.Kind() != reflect.Pointer {
					continue
				}
				if t := v.Type().Elem(); t.Kind() == reflect.Struct && t.Name() == "" {
					e.typeNames[t] = ts.Name.Name
				}
			}
		}
	}
}

// typeName prints t the way the cell's source names it.
func (e *Engine) typeName(t reflect.Type) string {
	if n, ok := e.typeNames[t]; ok {
		return n
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + e.typeName(t.Elem())
	case reflect.Slice:
		return "[]" + e.typeName(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + e.typeName(t.Elem())
	case reflect.Map:
		return "map[" + e.typeName(t.Key()) + "]" + e.typeName(t.Elem())
	case reflect.Chan:
		switch t.ChanDir() {
		case reflect.RecvDir:
			return "<-chan " + e.typeName(t.Elem())
		case reflect.SendDir:
			return "chan<- " + e.typeName(t.Elem())
		}
		return "chan " + e.typeName(t.Elem())
	}
	if t.Kind() == reflect.Interface && t.NumMethod() == 0 && t.Name() == "" {
		return "any"
	}
	return t.String()
}

// Var is a top-level name of the session, for %who.
type Var struct {
	Name, Kind, Type string // Kind: "var", "func", "package"
}

// Names lists the session's variables (with their types), functions (with
// their signatures) and imported packages, sorted by name. It reads no
// values.
func (e *Engine) Names() []Var {
	globals := e.in.Globals()
	var out []Var
	for name := range e.vars {
		if hidden(name) {
			continue
		}
		typ := "?"
		if _, st := e.vals.types.Var(name); st != "" {
			typ = st // the cell's own name for it (reflect says float64 for Celsius)
		} else if v, ok := globals[name]; ok && v.IsValid() {
			typ = e.typeName(v.Type())
		}
		out = append(out, Var{Name: name, Kind: "var", Type: typ})
	}
	for key, d := range e.funcs {
		if strings.Contains(key, ".") || hidden(key) || key == frontend.MainName {
			continue
		}
		out = append(out, Var{Name: key, Kind: "func", Type: d.sig})
	}
	for name, path := range e.imports {
		if !hidden(name) {
			out = append(out, Var{Name: name, Kind: "package", Type: `"` + path + `"`})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// hidden names are the kernel's own (they begin with frontend.Reserved: the
// prelude's helpers, the runtime import, the passes' temporaries).
func hidden(name string) bool { return strings.HasPrefix(name, frontend.Reserved) }

// Describe is the type of variable name and the fields and methods "name."
// reaches, or nil if name is not a variable of the session. It reads no
// value.
func (e *Engine) Describe(name string) *outcome.TypeInfo {
	if !e.vars[name] {
		return nil
	}
	v, ok := e.in.Globals()[name]
	if !ok || !v.IsValid() {
		return nil
	}
	return e.describeType(v.Type())
}

func (e *Engine) describeType(t reflect.Type) *outcome.TypeInfo {
	info := &outcome.TypeInfo{Type: e.typeName(t)}
	seen := map[string]bool{}
	add := func(m outcome.Member) {
		if !seen[m.Name] {
			seen[m.Name] = true
			info.Members = append(info.Members, m)
		}
	}
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	if user, ok := e.typeNames[base]; ok {
		for key, d := range e.funcs {
			if tn, m, ok := strings.Cut(key, "."); ok && tn == user {
				add(outcome.Member{Name: m, Kind: "method", Signature: d.sig})
			}
		}
	} else {
		mt := t // a variable is addressable: pointer methods count
		if mt.Kind() != reflect.Pointer && mt.Kind() != reflect.Interface {
			mt = reflect.PointerTo(mt)
		}
		for i := 0; i < mt.NumMethod(); i++ { // compiled types: reflect knows
			m := mt.Method(i)
			sig := methodSig(m.Type)
			if mt.Kind() == reflect.Interface { // no receiver in the type
				sig = methodSig(reflect.FuncOf(append([]reflect.Type{mt}, ins(m.Type)...), outs(m.Type), m.Type.IsVariadic()))
			}
			add(outcome.Member{Name: m.Name, Kind: "method", Signature: sig})
		}
	}
	if base.Kind() == reflect.Struct {
		for i := 0; i < base.NumField(); i++ {
			f := base.Field(i)
			if f.PkgPath != "" && base.PkgPath() != "" { // unexported field of a compiled type
				continue
			}
			add(outcome.Member{Name: f.Name, Kind: "field", Signature: e.typeName(f.Type)})
		}
	}
	sort.Slice(info.Members, func(i, j int) bool { return info.Members[i].Name < info.Members[j].Name })
	return info
}

// methodSig prints a method's type without its receiver.
func methodSig(t reflect.Type) string {
	var in, out []string
	for i := 1; i < t.NumIn(); i++ {
		s := t.In(i).String()
		if t.IsVariadic() && i == t.NumIn()-1 {
			s = "..." + t.In(i).Elem().String()
		}
		in = append(in, s)
	}
	for i := 0; i < t.NumOut(); i++ {
		out = append(out, t.Out(i).String())
	}
	sig := "func(" + strings.Join(in, ", ") + ")"
	switch len(out) {
	case 0:
	case 1:
		sig += " " + out[0]
	default:
		sig += " (" + strings.Join(out, ", ") + ")"
	}
	return sig
}

// Inspect describes a top-level name of the session: "var x T = value",
// "func f(…)", "type T struct{…}", "package p". With value false the
// variable's value is not read (a running cell may be changing it, and
// reading a map while a goroutine writes it is a fatal error in Go).
func (e *Engine) Inspect(name string, value bool) (string, bool) {
	switch {
	case hidden(name):
		return "", false
	case e.vars[name]:
		v, ok := e.in.Globals()[name]
		if !ok || !v.IsValid() {
			return "", false
		}
		st, typ := e.vals.types.Var(name)
		if typ == "" {
			typ = e.typeName(v.Type())
		}
		s := "var " + name + " " + typ
		if value && v.CanInterface() {
			val := e.vals.printer.Value(v.Interface(), st)
			if len(val) > 200 {
				val = val[:200] + "…"
			}
			s += " = " + val
		} else if !value {
			s += "\n(value not read while a cell runs)"
		}
		return s, true
	case e.funcs[name] != nil:
		return "func " + name + strings.TrimPrefix(e.funcs[name].sig, "func"), true
	case e.types[name] != "":
		s := "type " + name + " " + strings.TrimSpace(e.types[name])
		for key, d := range e.funcs {
			if tn, m, ok := strings.Cut(key, "."); ok && tn == name {
				s += "\nfunc (" + name + ") " + m + strings.TrimPrefix(d.sig, "func")
			}
		}
		return s, true
	case e.imports[name] != "":
		return "package " + name + ` // import "` + e.imports[name] + `"`, true
	}
	return "", false
}

func ins(t reflect.Type) (r []reflect.Type) {
	for i := 0; i < t.NumIn(); i++ {
		r = append(r, t.In(i))
	}
	return r
}

func outs(t reflect.Type) (r []reflect.Type) {
	for i := 0; i < t.NumOut(); i++ {
		r = append(r, t.Out(i))
	}
	return r
}
