package typedfmt

// Printing one value as fmt would, given its Go type: the methods fmt
// calls (Format, GoString for %#v, Error then String for %v %s %x %X %q),
// with a panic in them caught as fmt catches it; then composite values
// element by element, with the names of the session's types and fields.
// Leaves (numbers, strings, booleans, addresses) are formatted by fmt
// itself, with the directive and a value of the predeclared type of their
// kind, so every verb and flag behaves as it does in fmt.

import (
	"fmt"
	"go/types"
	"reflect"
	"strings"
	"unsafe"
)

// item is one value to print: rv as the interpreter holds it (unwrapped
// from its interface representations), t its type as Go sees it (nil when
// only rv's reflect type is known: a compiled value, or an interpreted one
// the printer could not identify), and wrap the methods of the yaegi
// wrapper it came in, if any.
type item struct {
	rv   reflect.Value
	t    types.Type
	wrap map[string]reflect.Value
}

// printArg prints one top-level operand with the current directive.
func (s *state) printArg(a arg, verb rune) {
	if _, bound := a.v.(*Bound); !bound && !a.boxed && s.p.staticPlain(a.st) && s.p.isPlain(reflect.TypeOf(a.v)) {
		if verb == 'w' && s.wrap == nil {
			s.delegate('w', a.v)
			return
		}
		s.delegate(verb, a.v)
		return
	}
	s.printTop(s.resolveArg(a), verb)
}

// Bound is a value of a type whose fmt method only the interpreter's own
// fmt could call (an instance of a generic type), with the text it made:
// the printer uses the text where fmt would call String or Error.
type Bound struct {
	V    any
	Text string
}

// resolveArg is the item an argument stands for.
func (s *state) resolveArg(a arg) item {
	if b, ok := a.v.(*Bound); ok {
		it := s.resolve(reflect.ValueOf(b.V), a.st)
		text := b.Text
		it.wrap = map[string]reflect.Value{"String": reflect.ValueOf(func() string { return text })}
		return it
	}
	rv := reflect.ValueOf(a.v)
	if a.boxed && rv.Kind() == reflect.Slice && rv.Len() == 1 {
		rv = rv.Index(0)
	}
	return s.resolve(rv, a.st)
}

// printTop prints a top-level item, as fmt's printArg does.
func (s *state) printTop(it item, verb rune) {
	if !it.rv.IsValid() {
		switch verb {
		case 'T', 'v':
			s.padString("<nil>")
		default:
			s.badVerb(it, verb)
		}
		return
	}
	switch verb {
	case 'T':
		s.padString(s.typeName(it))
		return
	case 'p':
		s.fmtPointer(it, 'p')
		return
	case 'w':
		// Errorf's %w of an error never gets here (doPrintf wraps it).
		s.badVerb(it, verb)
		return
	}
	if s.handleMethods(it, verb) {
		return
	}
	s.printValue(it, verb, 0, true)
}

// resolve pairs a value with its type: st itself when it is a concrete
// type, else the dynamic type of what the interface holds.
func (s *state) resolve(rv reflect.Value, st types.Type) item {
	st = types.Unalias(st)
	if st != nil && !isIface(st) {
		if rv.IsValid() && isValueInterface(rv.Type()) {
			if inner, _, ok := unpackValueInterface(rv); ok {
				rv = inner
			}
		}
		return item{rv: rv, t: st}
	}
	return s.dynamic(rv, st)
}

func isIface(t types.Type) bool {
	switch t.(type) {
	case *types.TypeParam:
		return true
	}
	return types.IsInterface(t)
}

// dynamic finds the dynamic type of a value held in an interface of static
// type iface (nil: unknown).
func (s *state) dynamic(rv reflect.Value, iface types.Type) item {
	for rv.IsValid() && rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return item{}
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return item{}
	}
	switch t := rv.Type(); {
	case isValueInterface(t):
		inner, name, ok := unpackValueInterface(rv)
		if !ok {
			return item{}
		}
		if dt := s.p.lookupName(name); dt != nil {
			return item{rv: inner, t: dt}
		}
		return s.dynamic(inner, iface)
	case isWrapper(t):
		inner, methods := unpackWrapper(rv)
		it := s.dynamic(inner, iface)
		if it.t == nil && it.rv.IsValid() {
			it = s.byRType(it.rv, iface, methods)
		}
		it.wrap = methods
		return it
	}
	return s.byRType(rv, iface, nil)
}

// lookupName turns the interpreter's name of a type ("main.Point",
// "*main.Point") into the session's type.
func (p *Printer) lookupName(name string) types.Type {
	stars := 0
	for strings.HasPrefix(name, "*") {
		name = name[1:]
		stars++
	}
	short, ok := strings.CutPrefix(name, "main.")
	if !ok || strings.ContainsAny(short, "[.") {
		return nil
	}
	t := p.cfg.Lookup(short)
	if t == nil {
		return nil
	}
	for ; stars > 0; stars-- {
		t = types.NewPointer(t)
	}
	return t
}

// byRType identifies an interpreted value by its reflect type among the
// session's types. The interpreter gives several types one reflect type
// (all struct{ X, Y int }, every float64), so a candidate must fit: a
// value of a basic kind is taken for a session type only when what held it
// says it had methods (a non-empty interface, a wrapper's methods); among
// several candidates, those implementing iface and having the wrapper's
// methods. Still several: no name, but their common structure if they
// share one (so field names print right).
func (s *state) byRType(rv reflect.Value, iface types.Type, methods map[string]reflect.Value) item {
	cands := s.p.byRType(rv.Type())
	if len(cands) == 0 {
		return item{rv: rv}
	}
	var it *types.Interface
	if iface != nil {
		it, _ = iface.Underlying().(*types.Interface)
		if it != nil && it.NumMethods() == 0 {
			it = nil
		}
	}
	if rv.Kind() <= reflect.Complex128 || rv.Kind() == reflect.String {
		if it == nil && len(methods) == 0 {
			return item{rv: rv}
		}
	}
	var fits []types.Type
	for _, u := range cands {
		t := s.p.cfg.Lookup(u.name)
		if t == nil {
			continue
		}
		if rv.Kind() == reflect.Pointer && rv.Type() != u.rt {
			t = types.NewPointer(t)
		}
		if it != nil && !types.Implements(t, it) {
			continue
		}
		ok := true
		for m := range methods {
			if types.NewMethodSet(t).Lookup(nil, m) == nil {
				ok = false
			}
		}
		if ok {
			fits = append(fits, t)
		}
	}
	switch {
	case len(fits) == 1:
		return item{rv: rv, t: fits[0]}
	case len(fits) > 1:
		u := fits[0].Underlying()
		for _, f := range fits[1:] {
			if !types.Identical(f.Underlying(), u) {
				return item{rv: rv}
			}
		}
		if _, ok := u.(*types.Struct); ok {
			return item{rv: rv, t: u}
		}
	}
	return item{rv: rv}
}

// typeName is what %T prints for an item.
func (s *state) typeName(it item) string {
	if it.t != nil {
		return TypeName(it.t, s.p.cfg.UserPath)
	}
	if !it.rv.IsValid() {
		return "<nil>"
	}
	return it.rv.Type().String()
}

// user returns the session's named type an item is of, and whether it is
// a pointer to it.
func (s *state) user(it item) (*types.Named, bool) {
	t := types.Unalias(it.t)
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = types.Unalias(p.Elem()), true
	}
	n, ok := t.(*types.Named)
	if !ok || !s.p.isUserNamed(n) {
		return nil, false
	}
	return n, ptr
}

// bound is a method ready to call on an item's value.
type bound struct {
	fn   reflect.Value
	recv reflect.Value // invalid for a wrapper's own method
	// nilDeref is set for a value method reached through a nil pointer:
	// Go's call would panic, which fmt prints as <nil>.
	nilDeref bool
}

// methodOf returns the item's method m as fmt would find it (in the
// method set of its type), or ok false.
func (s *state) methodOf(it item, m string) (bound, bool) {
	if n, ptr := s.user(it); n != nil {
		u := s.p.typeNamed(userKey(n))
		if u != nil {
			if meth, ok := u.methods[m]; ok && (ptr || !meth.ptr) {
				b := bound{fn: meth.fn, recv: it.rv}
				if ptr && !meth.ptr {
					if it.rv.IsNil() {
						b.nilDeref = true
					} else {
						b.recv = it.rv.Elem()
					}
				}
				return b, true
			}
		}
		if it.wrap == nil {
			return bound{}, false
		}
	}
	if fn, ok := it.wrap[m]; ok {
		return bound{fn: fn}, true
	}
	return bound{}, false
}

// userKey is the name a type is registered under.
func userKey(n *types.Named) string {
	if n.TypeArgs().Len() == 0 {
		return n.Obj().Name()
	}
	return strings.TrimPrefix(TypeName(n, n.Obj().Pkg().Path()), "main.")
}

// hasMethods reports whether fmt would call a method of the item for %v.
func (s *state) hasMethods(it item) bool {
	for _, m := range []string{"Format", "Error", "String"} {
		if _, ok := s.methodOf(it, m); ok {
			return true
		}
	}
	if it.t == nil && it.rv.IsValid() && it.rv.CanInterface() {
		switch it.rv.Interface().(type) {
		case fmt.Formatter, error, fmt.Stringer:
			return true
		}
	}
	return false
}

// handleMethods calls the method fmt would call for verb, if any, and
// reports whether it did.
func (s *state) handleMethods(it item, verb rune) bool {
	if s.erroring || !it.rv.IsValid() {
		return false
	}
	if n, _ := s.user(it); n == nil && it.wrap == nil {
		return s.compiledMethods(it, verb)
	}
	if verb == 'w' {
		s.badVerb(it, verb)
		return true
	}
	if m, ok := s.methodOf(it, "Format"); ok {
		s.callFormat(it, m, verb)
		return true
	}
	if s.d.sharpV {
		if m, ok := s.methodOf(it, "GoString"); ok {
			if str, ok := s.callString(it, m, "GoString", verb); ok {
				s.padString(str)
			}
			return true
		}
		return false
	}
	switch verb {
	case 'v', 's', 'x', 'X', 'q':
		for _, name := range []string{"Error", "String"} {
			if m, ok := s.methodOf(it, name); ok {
				if str, ok := s.callString(it, m, name, verb); ok {
					s.fmtString(str, verb)
				}
				return true
			}
		}
	}
	return false
}

// compiledMethods lets fmt handle a compiled value whose methods fmt would
// call: fmt finds and calls them as it would at this depth.
func (s *state) compiledMethods(it item, verb rune) bool {
	if !it.rv.CanInterface() {
		return false
	}
	x := it.rv.Interface()
	call := false
	switch x.(type) {
	case fmt.Formatter:
		call = true
	case fmt.GoStringer:
		call = s.d.sharpV
	}
	if !call && !s.d.sharpV {
		switch x.(type) {
		case error, fmt.Stringer:
			call = verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q'
		}
	}
	if !call {
		return false
	}
	s.delegate(verb, x)
	return true
}

// fmtString formats a method's result as fmt formats it: a string under the
// directive's verb.
func (s *state) fmtString(str string, verb rune) {
	s.delegate(verb, str)
}

// callString calls a String-like method; ok is false when it panicked (the
// panic has been printed).
func (s *state) callString(it item, m bound, name string, verb rune) (str string, ok bool) {
	defer s.catchPanic(it, m, verb, name)
	if m.nilDeref {
		panic(nilDeref{})
	}
	var out []reflect.Value
	if m.recv.IsValid() {
		out = m.fn.Call([]reflect.Value{m.recv})
	} else {
		out = m.fn.Call(nil)
	}
	if len(out) != 1 || out[0].Kind() != reflect.String {
		return "", false
	}
	return out[0].String(), true
}

// callFormat calls a Format method with the printer as its fmt.State.
func (s *state) callFormat(it item, m bound, verb rune) {
	defer s.catchPanic(it, m, verb, "Format")
	if m.nilDeref {
		panic(nilDeref{})
	}
	st := reflect.ValueOf(&fmtState{s})
	if m.recv.IsValid() {
		m.fn.Call([]reflect.Value{m.recv, st, reflect.ValueOf(verb)})
	} else {
		m.fn.Call([]reflect.Value{st, reflect.ValueOf(verb)})
	}
}

// nilDeref stands for the panic Go's call of a value method through a nil
// pointer makes.
type nilDeref struct{}

// catchPanic prints a panic of a user's method as fmt does: <nil> for a nil
// receiver, else %!v(PANIC=String method: …).
func (s *state) catchPanic(it item, m bound, verb rune, name string) {
	r := recover()
	if r == nil {
		return
	}
	if v, ok := r.(reflect.Value); ok && v.IsValid() && v.CanInterface() {
		r = v.Interface() // yaegi panics with the reflect.Value of the panic value
	}
	if s.p.cfg.Rethrow != nil && s.p.cfg.Rethrow(r) {
		panic(r)
	}
	if s.p.cfg.Recovered != nil {
		s.p.cfg.Recovered()
	}
	if it.rv.Kind() == reflect.Pointer && it.rv.IsNil() {
		s.buf = append(s.buf, "<nil>"...)
		return
	}
	if s.panicking {
		panic(r)
	}
	d := s.d
	s.d = directive{verb: 'v'}
	s.buf = append(s.buf, "%!"...)
	s.buf = append(s.buf, string(verb)...)
	s.buf = append(s.buf, "(PANIC="...)
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, " method: "...)
	s.panicking = true
	s.printArg(arg{v: r}, 'v')
	s.panicking = false
	s.buf = append(s.buf, ')')
	s.d = d
}

// fmtState is the fmt.State a user's Format method writes to.
type fmtState struct{ s *state }

func (f *fmtState) Write(b []byte) (int, error) {
	f.s.buf = append(f.s.buf, b...)
	return len(b), nil
}

func (f *fmtState) WriteString(str string) (int, error) {
	f.s.buf = append(f.s.buf, str...)
	return len(str), nil
}

func (f *fmtState) Width() (int, bool)     { return f.s.d.wid, f.s.d.widOK }
func (f *fmtState) Precision() (int, bool) { return f.s.d.prec, f.s.d.precOK }

func (f *fmtState) Flag(c int) bool {
	d := f.s.d
	switch c {
	case '-':
		return d.minus
	case '+':
		return d.plus || d.plusV
	case '#':
		return d.sharp || d.sharpV
	case ' ':
		return d.space
	case '0':
		return d.zero
	}
	return false
}

// badVerb writes %!verb(type=value).
func (s *state) badVerb(it item, verb rune) {
	s.erroring = true
	s.buf = append(s.buf, "%!"...)
	s.buf = append(s.buf, string(verb)...)
	s.buf = append(s.buf, '(')
	if it.rv.IsValid() {
		s.buf = append(s.buf, s.typeName(it)...)
		s.buf = append(s.buf, '=')
		s.printValue(it, 'v', 0, false)
	} else {
		s.buf = append(s.buf, "<nil>"...)
	}
	s.buf = append(s.buf, ')')
	s.erroring = false
}

// printItem prints a value inside another: its methods first, when fmt
// could call them (canMeth: not reached through an unexported field).
func (s *state) printItem(it item, verb rune, depth int, canMeth bool) {
	if it.t == nil && it.wrap == nil && it.rv.IsValid() {
		// Inside a value of unknown type (a print function used as a
		// value got it): a struct, pointer, slice, array or map may still
		// be of a session type, found by its reflect type.
		switch it.rv.Kind() {
		case reflect.Struct, reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			if t := it.rv.Type(); !isValueInterface(t) && !isWrapper(t) {
				it = s.byRType(it.rv, nil, nil)
			}
		}
	}
	if depth > 0 && canMeth && s.handleMethods(it, verb) {
		return
	}
	s.printValue(it, verb, depth, canMeth)
}

// printValue prints a value by its kind, as fmt's printValue does.
func (s *state) printValue(it item, verb rune, depth int, canMeth bool) {
	rv := it.rv
	if it.t != nil && isIface(types.Unalias(it.t)) || rv.IsValid() && (isValueInterface(rv.Type()) || isWrapper(rv.Type())) {
		s.printInterface(it, verb, depth, canMeth)
		return
	}
	if !rv.IsValid() {
		switch {
		case depth == 0:
			s.buf = append(s.buf, "<invalid reflect.Value>"...)
		case verb == 'v':
			s.buf = append(s.buf, "<nil>"...)
		default:
			s.badVerb(it, verb)
		}
		return
	}
	var ut types.Type
	if it.t != nil {
		ut = it.t.Underlying()
	}
	switch rv.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		s.leaf(it, verb)
	case reflect.Map:
		s.printMap(it, ut, verb, depth, canMeth)
	case reflect.Struct:
		s.printStruct(it, ut, verb, depth, canMeth)
	case reflect.Interface:
		s.printInterface(it, verb, depth, canMeth)
	case reflect.Array, reflect.Slice:
		s.printList(it, ut, verb, depth, canMeth)
	case reflect.Pointer:
		if depth == 0 && !rv.IsNil() {
			switch rv.Elem().Kind() {
			case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
				var et types.Type
				if p, ok := ut.(*types.Pointer); ok {
					et = p.Elem()
				}
				s.buf = append(s.buf, '&')
				s.printItem(item{rv: rv.Elem(), t: et}, verb, depth+1, canMeth)
				return
			}
		}
		s.fmtPointer(it, verb)
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		s.fmtPointer(it, verb)
	default:
		s.delegate(verb, rv)
	}
}

// printInterface prints a value held in an interface: <nil>, or the
// dynamic value.
func (s *state) printInterface(it item, verb rune, depth int, canMeth bool) {
	dyn := s.dynamic(it.rv, it.t)
	if !dyn.rv.IsValid() {
		if s.d.sharpV {
			name := "interface {}"
			if it.t != nil {
				name = TypeName(it.t, s.p.cfg.UserPath)
			} else if it.rv.IsValid() && it.rv.Kind() == reflect.Interface {
				name = it.rv.Type().String()
			}
			s.buf = append(s.buf, name...)
			s.buf = append(s.buf, "(nil)"...)
		} else {
			s.buf = append(s.buf, "<nil>"...)
		}
		return
	}
	s.printItem(dyn, verb, depth+1, canMeth)
}

// leaf prints a number, string or boolean: fmt formats a value of the
// predeclared type of its kind (a method of a compiled type under it was
// handled or is not to be called), and a verb that does not fit its kind
// reads %!d(main.Name=bob).
func (s *state) leaf(it item, verb rune) {
	rv := it.rv
	if !verbFits(rv.Kind(), verb) {
		s.badVerb(it, verb)
		return
	}
	x := basicValue(rv)
	if verb == 'v' && (s.d.plus || s.d.sharp) {
		// %v with flags that were not %+v or %#v (a bad verb's operand):
		// the kind's own verb reads them as fmt does.
		verb = kindVerb(rv.Kind())
	}
	s.delegate(verb, x)
}

// verbFits reports whether fmt accepts verb for a value of kind k.
func verbFits(k reflect.Kind, verb rune) bool {
	if verb == 'v' {
		return true
	}
	switch k {
	case reflect.Bool:
		return verb == 't'
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strings.ContainsRune("bcdoOqxXU", verb)
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return strings.ContainsRune("beEfFgGxX", verb)
	case reflect.String:
		return strings.ContainsRune("sqxX", verb)
	}
	return false
}

func kindVerb(k reflect.Kind) rune {
	switch k {
	case reflect.Bool:
		return 't'
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return 'g'
	case reflect.String:
		return 's'
	}
	return 'd'
}

var basicTypes = map[reflect.Kind]reflect.Type{
	reflect.Bool: reflect.TypeFor[bool](), reflect.Int: reflect.TypeFor[int](), reflect.Int8: reflect.TypeFor[int8](),
	reflect.Int16: reflect.TypeFor[int16](), reflect.Int32: reflect.TypeFor[int32](), reflect.Int64: reflect.TypeFor[int64](),
	reflect.Uint: reflect.TypeFor[uint](), reflect.Uint8: reflect.TypeFor[uint8](), reflect.Uint16: reflect.TypeFor[uint16](),
	reflect.Uint32: reflect.TypeFor[uint32](), reflect.Uint64: reflect.TypeFor[uint64](), reflect.Uintptr: reflect.TypeFor[uintptr](),
	reflect.Float32: reflect.TypeFor[float32](), reflect.Float64: reflect.TypeFor[float64](),
	reflect.Complex64: reflect.TypeFor[complex64](), reflect.Complex128: reflect.TypeFor[complex128](), reflect.String: reflect.TypeFor[string](),
}

// basicValue is rv as a value of the predeclared type of its kind (read
// even through an unexported field).
func basicValue(rv reflect.Value) any {
	bt := basicTypes[rv.Kind()]
	v := reflect.New(bt).Elem()
	switch rv.Kind() {
	case reflect.Bool:
		v.SetBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(rv.Uint())
	case reflect.Float32, reflect.Float64:
		v.SetFloat(rv.Float())
	case reflect.Complex64, reflect.Complex128:
		v.SetComplex(rv.Complex())
	case reflect.String:
		v.SetString(rv.String())
	}
	return v.Interface()
}

// fmtPointer prints an address (a pointer, map, slice, chan, func): fmt
// formats an unsafe.Pointer to it; %#v names the type, (*main.Point)(0x…).
func (s *state) fmtPointer(it item, verb rune) {
	rv := it.rv
	var ptr unsafe.Pointer
	switch rv.Kind() {
	case reflect.Chan, reflect.Func, reflect.Map, reflect.Pointer, reflect.Slice, reflect.UnsafePointer:
		ptr = rv.UnsafePointer()
	default:
		s.badVerb(it, verb)
		return
	}
	switch verb {
	case 'v':
		if s.d.sharpV {
			s.buf = append(s.buf, '(')
			s.buf = append(s.buf, s.typeName(it)...)
			s.buf = append(s.buf, ")("...)
			if ptr == nil {
				s.buf = append(s.buf, "nil"...)
			} else {
				// fmt writes the address as %#x under the
				// directive's other flags.
				d := s.d
				d.sharpV, d.plusV, d.plus, d.sharp = false, false, false, true
				s.buf = fmt.Appendf(s.buf, d.spec('x'), uintptr(ptr))
			}
			s.buf = append(s.buf, ')')
			return
		}
		if ptr == nil {
			s.padString("<nil>")
			return
		}
		s.delegate('v', ptr)
	case 'p', 'b', 'o', 'd', 'x', 'X':
		s.delegate(verb, ptr)
	default:
		s.badVerb(it, verb)
	}
}

// printList prints an array or slice: [a b], or main.L{a, b} for %#v; a
// byte slice under %s %q %x %X as the string of its bytes.
func (s *state) printList(it item, ut types.Type, verb rune, depth int, canMeth bool) {
	rv := it.rv
	var et types.Type
	switch ut := ut.(type) {
	case *types.Slice:
		et = ut.Elem()
	case *types.Array:
		et = ut.Elem()
	}
	switch verb {
	case 's', 'q', 'x', 'X':
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			b := make([]byte, rv.Len())
			for i := range b {
				b[i] = byte(rv.Index(i).Uint())
			}
			s.delegate(verb, b)
			return
		}
	}
	if s.d.sharpV {
		s.buf = append(s.buf, s.typeName(it)...)
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			s.buf = append(s.buf, "(nil)"...)
			return
		}
		s.buf = append(s.buf, '{')
		for i := 0; i < rv.Len(); i++ {
			if i > 0 {
				s.buf = append(s.buf, ", "...)
			}
			s.printItem(item{rv: rv.Index(i), t: et}, verb, depth+1, canMeth)
		}
		s.buf = append(s.buf, '}')
		return
	}
	s.buf = append(s.buf, '[')
	for i := 0; i < rv.Len(); i++ {
		if i > 0 {
			s.buf = append(s.buf, ' ')
		}
		s.printItem(item{rv: rv.Index(i), t: et}, verb, depth+1, canMeth)
	}
	s.buf = append(s.buf, ']')
}

// printStruct prints {a b}, {X:a Y:b} for %+v, main.T{X:a, Y:b} for %#v,
// with the field names the cell declared.
func (s *state) printStruct(it item, ut types.Type, verb rune, depth int, canMeth bool) {
	rv := it.rv
	st, _ := ut.(*types.Struct)
	if st != nil && st.NumFields() != rv.NumField() {
		st = nil
	}
	if s.d.sharpV {
		s.buf = append(s.buf, s.typeName(it)...)
	}
	s.buf = append(s.buf, '{')
	for i := 0; i < rv.NumField(); i++ {
		if i > 0 {
			if s.d.sharpV {
				s.buf = append(s.buf, ", "...)
			} else {
				s.buf = append(s.buf, ' ')
			}
		}
		var ft types.Type
		name, exported := rv.Type().Field(i).Name, rv.Type().Field(i).IsExported()
		if st != nil {
			f := st.Field(i)
			ft, name, exported = f.Type(), f.Name(), f.Exported()
		}
		if s.d.plusV || s.d.sharpV {
			s.buf = append(s.buf, name...)
			s.buf = append(s.buf, ':')
		}
		s.printItem(item{rv: rv.Field(i), t: ft}, verb, depth+1, canMeth && exported)
	}
	s.buf = append(s.buf, '}')
}

// printMap prints map[k:v …] with keys sorted as fmt sorts them, or
// main.M{k:v, …} for %#v.
func (s *state) printMap(it item, ut types.Type, verb rune, depth int, canMeth bool) {
	rv := it.rv
	var kt, vt types.Type
	if m, ok := ut.(*types.Map); ok {
		kt, vt = m.Key(), m.Elem()
	}
	if s.d.sharpV {
		s.buf = append(s.buf, s.typeName(it)...)
		if rv.IsNil() {
			s.buf = append(s.buf, "(nil)"...)
			return
		}
		s.buf = append(s.buf, '{')
	} else {
		s.buf = append(s.buf, "map["...)
	}
	keys := rv.MapKeys()
	sortKeys(keys)
	for i, k := range keys {
		if i > 0 {
			if s.d.sharpV {
				s.buf = append(s.buf, ", "...)
			} else {
				s.buf = append(s.buf, ' ')
			}
		}
		s.printItem(item{rv: k, t: kt}, verb, depth+1, canMeth)
		s.buf = append(s.buf, ':')
		s.printItem(item{rv: rv.MapIndex(k), t: vt}, verb, depth+1, canMeth)
	}
	if s.d.sharpV {
		s.buf = append(s.buf, '}')
	} else {
		s.buf = append(s.buf, ']')
	}
}

// asError is the error a %w operand stands for, or nil: a compiled error
// (yaegi's wrappers are), or a value of a session type with an Error
// method, wrapped so that errors.As finds the value again.
func (s *state) asError(a arg) any {
	if err, ok := a.v.(error); ok {
		return err
	}
	it := s.resolveArg(a)
	if !it.rv.IsValid() {
		return nil
	}
	if m, ok := s.methodOf(it, "Error"); ok {
		return &userError{IValue: it.rv.Interface(), p: s.p, it: it, m: m}
	}
	return nil
}

// userError is an error of a session type passed to Errorf's %w. Its
// first field is named IValue, as in yaegi's wrappers, which the engine's
// errors.As looks into.
type userError struct {
	IValue any
	p      *Printer
	it     item
	m      bound
}

func (e *userError) Error() string {
	s := e.p.newState()
	s.d = directive{verb: 'v'}
	str, _ := s.callString(e.it, e.m, "Error", 'v')
	return str
}

// Unwrap calls the value's own Unwrap, if its type has one, so that
// errors.Is and errors.As follow the chain through it as in Go.
func (e *userError) Unwrap() error {
	s := e.p.newState()
	m, ok := s.methodOf(e.it, "Unwrap")
	if !ok {
		return nil
	}
	var out []reflect.Value
	if m.nilDeref {
		return nil
	}
	if m.recv.IsValid() {
		out = m.fn.Call([]reflect.Value{m.recv})
	} else {
		out = m.fn.Call(nil)
	}
	err, _ := out[0].Interface().(error)
	return err
}

// Is reports whether target is the same value of the same type: errors.Is
// compares an error with ==, and target reaches compiled code in yaegi's
// wrapper (the value in its IValue) while this error is another wrapper.
func (e *userError) Is(target error) bool {
	tv := reflect.ValueOf(target)
	for tv.IsValid() && (tv.Kind() == reflect.Interface || tv.Kind() == reflect.Pointer && tv.Type().Elem().Kind() == reflect.Struct && isWrapper(tv.Type().Elem())) {
		tv = tv.Elem()
	}
	if tv.IsValid() && isWrapper(tv.Type()) {
		tv, _ = unpackWrapper(tv)
	}
	mine := e.it.rv
	if !tv.IsValid() || !mine.IsValid() || tv.Type() != mine.Type() || !mine.Type().Comparable() {
		return false
	}
	return tv.Interface() == mine.Interface() && target.Error() == e.Error()
}
