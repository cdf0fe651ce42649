package typedfmt

// text/template and html/template for the session's types. A template
// finds fields and methods through reflect, which sees an interpreted
// struct as an unnamed struct without methods: {{.Total}}, Total a method,
// failed with "can't evaluate field Total". A template is handed a view
// instead: each value of a cell's struct type becomes a map from its
// exported field names and its methods without parameters (registered by
// the values pass under TemplateMethod) to their values, each method
// called once when the view is made; a view prints, with {{.}}, as the
// value itself prints (fmt's %v, String and all).
//
// What differs from Go: a method is called whether the template uses it or
// not, a method's error is its value (the template does not stop), a method
// with parameters cannot be called, and a missing field reads <no value>
// instead of stopping the template.

import (
	"go/types"
	"io"
	"reflect"
)

// TemplateMethod is the prefix of a method registered for templates
// (frontend.TemplateMethod).
const TemplateMethod = "tmpl:"

// Executor is what text/template's and html/template's *Template have.
type Executor interface {
	Execute(w io.Writer, data any) error
	ExecuteTemplate(w io.Writer, name string, data any) error
}

// TemplateExecute is t.Execute(w, data) knowing data's static type.
func (p *Printer) TemplateExecute(site int, t Executor, w io.Writer, data any) error {
	return t.Execute(w, p.templateData(site, data))
}

// TemplateExecuteTemplate is t.ExecuteTemplate(w, name, data) knowing
// data's static type.
func (p *Printer) TemplateExecuteTemplate(site int, t Executor, w io.Writer, name string, data any) error {
	return t.ExecuteTemplate(w, name, p.templateData(site, data))
}

func (p *Printer) templateData(site int, data any) any {
	args, plain := p.args(site, []any{data})
	if plain {
		return data
	}
	s := p.newState()
	it := s.resolveArg(args[0])
	if !it.rv.IsValid() {
		return data
	}
	v := s.view(it, 0)
	if !v.IsValid() || !v.CanInterface() {
		return data
	}
	return v.Interface()
}

// tmplView is a struct's view: fields and methods by name.
type tmplView map[string]any

// tmplList is a slice's view: its elements' views (it prints as the
// slice does, its elements through their views).
type tmplList []any

// tmplLeaf is a value of a cell's type with a String or Error method,
// which a template prints through it.
type tmplLeaf struct{ orig tmplOrig }

// tmplOrig is the value a view stands for, to print it as it is.
type tmplOrig struct {
	p  *Printer
	it item
}

// origKey holds a view's original in it (no template can name it).
const origKey = "\x00orig"

func (o tmplOrig) String() string {
	s := o.p.newState()
	s.d = directive{verb: 'v'}
	s.printTop(o.it, 'v')
	return string(s.buf)
}

func (v tmplView) String() string {
	o, _ := v[origKey].(tmplOrig)
	return o.String()
}

func (l tmplLeaf) String() string { return l.orig.String() }

// view is what a template sees for an item.
func (s *state) view(it item, depth int) reflect.Value {
	if depth > 64 || !it.rv.IsValid() {
		return it.rv
	}
	if it.t != nil && isIface(types.Unalias(it.t)) || isValueInterface(it.rv.Type()) || isWrapper(it.rv.Type()) || it.rv.Kind() == reflect.Interface {
		dyn := s.dynamic(it.rv, it.t)
		if !dyn.rv.IsValid() {
			return reflect.Zero(anyType)
		}
		if dyn.t == nil {
			return dyn.rv
		}
		return s.view(dyn, depth+1)
	}
	if it.t == nil || s.p.staticPlain(it.t) && !mayHoldUser(it.t) {
		return it.rv
	}
	orig := tmplOrig{s.p, it}
	rv := it.rv
	ut := types.Unalias(it.t).Underlying()
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return rv
		}
		pt, _ := ut.(*types.Pointer)
		if pt == nil {
			return rv
		}
		v := s.view(item{rv: rv.Elem(), t: pt.Elem()}, depth+1)
		if vm, ok := v.Interface().(tmplView); ok {
			s.addMethods(vm, it) // the pointer's methods too
		}
		return v
	case reflect.Struct:
		st, _ := ut.(*types.Struct)
		if st == nil || st.NumFields() != rv.NumField() {
			return rv
		}
		m := tmplView{origKey: orig}
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			if !f.Exported() {
				continue
			}
			fv := s.view(item{rv: rv.Field(i), t: f.Type()}, depth+1)
			if fv.IsValid() && fv.CanInterface() {
				m[f.Name()] = fv.Interface()
			} else {
				m[f.Name()] = nil
			}
		}
		s.addMethods(m, it)
		return reflect.ValueOf(m)
	case reflect.Slice, reflect.Array:
		var et types.Type
		switch ut := ut.(type) {
		case *types.Slice:
			et = ut.Elem()
		case *types.Array:
			et = ut.Elem()
		}
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return rv
		}
		l := make(tmplList, 0, rv.Len())
		for i := 0; i < rv.Len(); i++ {
			l = append(l, s.view(item{rv: rv.Index(i), t: et}, depth+1).Interface())
		}
		return reflect.ValueOf(l)
	case reflect.Map:
		mt, _ := ut.(*types.Map)
		if mt == nil || rv.IsNil() {
			return rv
		}
		out := reflect.MakeMapWithSize(reflect.MapOf(rv.Type().Key(), anyType), rv.Len())
		for _, k := range rv.MapKeys() {
			v := s.view(item{rv: rv.MapIndex(k), t: mt.Elem()}, depth+1)
			if !v.IsValid() {
				v = reflect.Zero(anyType)
			}
			out.SetMapIndex(k, v)
		}
		return out
	}
	if s.hasMethods(it) {
		return reflect.ValueOf(tmplLeaf{orig})
	}
	return rv
}

// addMethods puts the values of the item's methods registered for
// templates into its view: a pointer method only for a pointer or an
// addressable value, as a template calls them.
func (s *state) addMethods(m tmplView, it item) {
	n, ptr := s.user(it)
	if n == nil {
		return
	}
	u := s.p.typeNamed(userKey(n))
	if u == nil {
		return
	}
	s.p.mu.RLock()
	methods := make(map[string]method, len(u.methods))
	for k, v := range u.methods {
		methods[k] = v
	}
	s.p.mu.RUnlock()
	for name, meth := range methods {
		short, ok := cutPrefix(name, TemplateMethod)
		if !ok || m[short] != nil {
			continue
		}
		recv := it.rv
		switch {
		case meth.ptr && !ptr && recv.CanAddr():
			recv = recv.Addr()
		case meth.ptr && !ptr:
			continue
		case !meth.ptr && ptr:
			if recv.IsNil() {
				continue
			}
			recv = recv.Elem()
		}
		out := s.callTemplateMethod(meth, recv)
		m[short] = out
	}
}

// callTemplateMethod calls one method for a view; its error, if any, is
// its value.
func (s *state) callTemplateMethod(meth method, recv reflect.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			if s.p.cfg.Rethrow != nil && s.p.cfg.Rethrow(r) {
				panic(r)
			}
			if s.p.cfg.Recovered != nil {
				s.p.cfg.Recovered()
			}
			out = r
		}
	}()
	res := meth.fn.Call([]reflect.Value{recv})
	if err, _ := res[1].Interface().(error); err != nil {
		return err
	}
	v := res[0]
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	it := s.dynamic(v, nil)
	if it.t != nil {
		if view := s.view(it, 1); view.IsValid() && view.CanInterface() {
			return view.Interface()
		}
	}
	if v.CanInterface() {
		return v.Interface()
	}
	return nil
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}
