package typedfmt

import (
	"errors"
	"fmt"
	"go/types"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Site is what is known statically about the arguments of one call: each
// argument's type (nil when unknown), which ones travel boxed in a
// one-element slice of their interface type, and whether the last argument
// was spread (f(xs...): every further argument has the last type).
type Site struct {
	Args   []types.Type
	Boxed  []bool
	Spread bool
}

// Config is what a Printer needs from the session.
type Config struct {
	// Site returns the static types of a call site; NoSite never gets here.
	Site func(id int) (Site, bool)
	// Lookup returns a type cells declared at top level, by name.
	Lookup func(name string) types.Type
	// UserPath is the package path cells are checked as ("main").
	UserPath string
	// Rethrow tells panics in a user's method the printer must not turn
	// into %!v(PANIC=…) text (an interrupt, an exit).
	Rethrow func(r any) bool
	// Recovered is called after the printer recovered a panic of a user's
	// method (the engine forgets what the interpreter traced for it).
	Recovered func()
}

// NoSite is the site of a call whose arguments' static types are unknown:
// fmt.Sprint used as a value.
const NoSite = -1

// Printer is fmt for one interpreter session: it knows the session's types
// (their names, their fields, their String, Error, GoString and Format
// methods as closures the cells registered) and formats values of them as
// Go's fmt would, at any depth. Values with nothing of the session's in
// them go to fmt itself.
type Printer struct {
	cfg Config

	mu     sync.RWMutex
	byName map[string]*userType
	byRT   map[reflect.Type][]*userType // a type's value and pointer reflect types
	// plain caches, per reflect type, whether a value of it can hold
	// nothing the printer must see to.
	plain sync.Map
}

// userType is a type a cell declared, as registered.
type userType struct {
	name    string
	rt      reflect.Type // the interpreter's reflect type for it
	methods map[string]method
}

// method is a registered closure: func(v any) string, or for Format
// func(v any, s fmt.State, c rune). ptr is set for a method only the
// pointer type has.
type method struct {
	fn  reflect.Value
	ptr bool
}

// New returns a Printer for a session.
func New(cfg Config) *Printer {
	if cfg.UserPath == "" {
		cfg.UserPath = "main"
	}
	if cfg.Lookup == nil {
		cfg.Lookup = func(string) types.Type { return nil }
	}
	if cfg.Site == nil {
		cfg.Site = func(int) (Site, bool) { return Site{}, false }
	}
	return &Printer{cfg: cfg, byName: map[string]*userType{}, byRT: map[reflect.Type][]*userType{}}
}

// RegisterType records a type a cell declared: its name and a zero value
// (the interpreter's reflect type for it).
func (p *Printer) RegisterType(name string, zero any) {
	rt := reflect.TypeOf(zero)
	p.mu.Lock()
	defer p.mu.Unlock()
	u := p.byName[name]
	if u == nil {
		u = &userType{name: name, methods: map[string]method{}}
		p.byName[name] = u
	}
	if rt == nil || u.rt == rt {
		return
	}
	u.rt = rt
	for _, t := range []reflect.Type{rt, reflect.PointerTo(rt)} {
		p.byRT[t] = append(p.byRT[t], u)
	}
	p.plain = sync.Map{}
}

// RegisterMethod records a closure calling method m (String, Error,
// GoString, Format) of a registered type; ptr is set when only the pointer
// type has it.
func (p *Printer) RegisterMethod(name, m string, ptr bool, fn any) {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	u := p.byName[name]
	if u == nil {
		u = &userType{name: name, methods: map[string]method{}}
		p.byName[name] = u
	}
	u.methods[m] = method{fn: v, ptr: ptr}
}

func (p *Printer) typeNamed(name string) *userType {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.byName[name]
}

func (p *Printer) byRType(t reflect.Type) []*userType {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.byRT[t]
}

// isPlain reports whether a value of reflect type t can be left to fmt:
// it is none of the session's types, no interpreter wrapper, and holds no
// interface that might hold one.
func (p *Printer) isPlain(t reflect.Type) bool {
	if t == nil {
		return true
	}
	if v, ok := p.plain.Load(t); ok {
		return v.(bool)
	}
	p.mu.RLock()
	empty := len(p.byName) == 0
	p.mu.RUnlock()
	plain := empty || !p.mentionsUser(t, map[reflect.Type]bool{})
	p.plain.Store(t, plain)
	return plain
}

func (p *Printer) mentionsUser(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if t.Kind() != reflect.Pointer && len(p.byRType(t)) > 0 && t.Kind() >= reflect.Array {
		return true
	}
	if fromYaegi(t) || t.Kind() == reflect.Interface {
		return true
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
		return p.mentionsUser(t.Elem(), seen)
	case reflect.Map:
		return p.mentionsUser(t.Key(), seen) || p.mentionsUser(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if p.mentionsUser(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// args pairs the arguments of a call with their static types. plain is
// set when none needs the printer: the caller then hands them to fmt.
func (p *Printer) args(site int, a []any) (out []arg, plain bool) {
	var s Site
	known := false
	if site != NoSite {
		s, known = p.cfg.Site(site)
	}
	out = make([]arg, len(a))
	plain = true
	for i, x := range a {
		var st types.Type
		boxed := false
		switch {
		case !known:
		case i < len(s.Args) && !(s.Spread && i >= len(s.Args)-1):
			st = s.Args[i]
			boxed = i < len(s.Boxed) && s.Boxed[i]
		case s.Spread && len(s.Args) > 0:
			st = s.Args[len(s.Args)-1]
		}
		out[i] = arg{v: x, st: st, boxed: boxed}
		if plain && (boxed || !p.staticPlain(st) || !p.isPlain(reflect.TypeOf(x))) {
			plain = false
		}
	}
	return out, plain
}

// staticPlain reports whether a static type mentions none of the session's
// types. An interface is left to the value: isPlain sees an interpreted
// value inside it.
func (p *Printer) staticPlain(t types.Type) bool {
	if t == nil {
		return true // unknown: the value decides
	}
	plain := true
	walkStatic(t, func(t types.Type) bool {
		if n, ok := t.(*types.Named); ok && p.isUserNamed(n) {
			plain = false
		}
		return plain
	})
	return plain
}

func walkStatic(t types.Type, f func(types.Type) bool) {
	seen := map[types.Type]bool{}
	var walk func(t types.Type) bool
	walk = func(t types.Type) bool {
		t = types.Unalias(t)
		if seen[t] {
			return true
		}
		seen[t] = true
		if !f(t) {
			return false
		}
		if n, ok := t.(*types.Named); ok {
			return walk(n.Underlying())
		}
		switch t := t.(type) {
		case *types.Pointer:
			return walk(t.Elem())
		case *types.Slice:
			return walk(t.Elem())
		case *types.Array:
			return walk(t.Elem())
		case *types.Chan:
			return walk(t.Elem())
		case *types.Map:
			return walk(t.Key()) && walk(t.Elem())
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				if !walk(t.Field(i).Type()) {
					return false
				}
			}
		case *types.Signature:
			return walk(t.Params()) && walk(t.Results())
		case *types.Tuple:
			for i := 0; i < t.Len(); i++ {
				if !walk(t.At(i).Type()) {
					return false
				}
			}
		}
		return true
	}
	walk(t)
}

func (p *Printer) isUserNamed(n *types.Named) bool {
	return n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == p.cfg.UserPath
}

// arg is one argument of a call and its static type.
type arg struct {
	v     any
	st    types.Type
	boxed bool
}

// Fprint is fmt.Fprint with the static types of site.
func (p *Printer) Fprint(w io.Writer, site int, a []any) (int, error) {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Fprint(w, a...)
	}
	s := p.newState()
	s.doPrint(args)
	return w.Write(s.buf)
}

// Fprintln is fmt.Fprintln with the static types of site.
func (p *Printer) Fprintln(w io.Writer, site int, a []any) (int, error) {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Fprintln(w, a...)
	}
	s := p.newState()
	s.doPrintln(args)
	return w.Write(s.buf)
}

// Fprintf is fmt.Fprintf with the static types of site.
func (p *Printer) Fprintf(w io.Writer, site int, format string, a []any) (int, error) {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Fprintf(w, format, a...)
	}
	s := p.newState()
	s.doPrintf(format, args)
	return w.Write(s.buf)
}

// Sprint is fmt.Sprint with the static types of site.
func (p *Printer) Sprint(site int, a []any) string {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Sprint(a...)
	}
	s := p.newState()
	s.doPrint(args)
	return string(s.buf)
}

// Sprintln is fmt.Sprintln with the static types of site.
func (p *Printer) Sprintln(site int, a []any) string {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Sprintln(a...)
	}
	s := p.newState()
	s.doPrintln(args)
	return string(s.buf)
}

// Sprintf is fmt.Sprintf with the static types of site.
func (p *Printer) Sprintf(site int, format string, a []any) string {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Sprintf(format, a...)
	}
	s := p.newState()
	s.doPrintf(format, args)
	return string(s.buf)
}

// Append is fmt.Append with the static types of site.
func (p *Printer) Append(b []byte, site int, a []any) []byte {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Append(b, a...)
	}
	s := p.newState()
	s.doPrint(args)
	return append(b, s.buf...)
}

// Appendln is fmt.Appendln with the static types of site.
func (p *Printer) Appendln(b []byte, site int, a []any) []byte {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Appendln(b, a...)
	}
	s := p.newState()
	s.doPrintln(args)
	return append(b, s.buf...)
}

// Appendf is fmt.Appendf with the static types of site.
func (p *Printer) Appendf(b []byte, site int, format string, a []any) []byte {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Appendf(b, format, a...)
	}
	s := p.newState()
	s.doPrintf(format, args)
	return append(b, s.buf...)
}

// Errorf is fmt.Errorf with the static types of site. The text is made
// here, and fmt.Errorf itself makes the error from it and the %w operands,
// so the result wraps them as Go's does (errors.Unwrap, Is and As work,
// and its type is fmt's).
func (p *Printer) Errorf(site int, format string, a []any) error {
	args, plain := p.args(site, a)
	if plain {
		return fmt.Errorf(format, a...)
	}
	s := p.newState()
	s.wrap = &wrapping{}
	s.doPrintf(format, args)
	if len(s.wrap.errs) == 0 {
		return errors.New(string(s.buf))
	}
	return fmt.Errorf(s.wrap.format.String()+escapePercent(string(s.buf[s.wrap.flushed:])), s.wrap.errs...)
}

// wrapping collects, for Errorf, the text around each %w operand (as a
// format with every % doubled) and the operands.
type wrapping struct {
	format  strings.Builder
	errs    []any
	flushed int // s.buf up to here is in format
}

func escapePercent(s string) string { return strings.ReplaceAll(s, "%", "%%") }

// Value formats one value for a cell's Out: as %v, except that a string
// (with no method that formats it) is quoted. st is its static type, nil
// when unknown.
func (p *Printer) Value(x any, st types.Type) string {
	if p.staticPlain(st) && p.isPlain(reflect.TypeOf(x)) {
		if str, ok := x.(string); ok {
			return strconv.Quote(str)
		}
		return fmt.Sprint(x)
	}
	s := p.newState()
	it := s.resolve(reflect.ValueOf(x), st)
	if it.rv.Kind() == reflect.String && !s.hasMethods(it) {
		return strconv.Quote(it.rv.String())
	}
	s.d = directive{verb: 'v'}
	s.printTop(it, 'v')
	return string(s.buf)
}
