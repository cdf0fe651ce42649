package typedfmt

// encoding/json and encoding/xml for the session's types. The encoders
// read a value through reflect, and the interpreter's reflect type of a
// cell's struct exports every field (unexported ones as X…) and has no
// name, so json.Marshal wrote "Xinternal":5, xml.Marshal refused the type,
// and Unmarshal's errors named "Go struct field .id". The encoders are
// handed a shadow instead: a copy of the value in reflect types built from
// the cell's declarations, which hold only the exported fields, with their
// tags (and, for XML, the type's name as the element's); Unmarshal decodes
// into a shadow of the target and copies the result back.

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"go/types"
	"reflect"
	"strings"
	"unicode"
)

type codec int

const (
	jsonCodec codec = iota
	xmlCodec
)

// Marshal is json.Marshal or xml.Marshal (codec) of a value whose static
// type is site's first argument.
func (p *Printer) marshal(c codec, site int, v any, prefix, indent string, indented bool) ([]byte, error) {
	sv, _ := p.shadowArg(c, site, v)
	switch {
	case c == jsonCodec && indented:
		return json.MarshalIndent(sv, prefix, indent)
	case c == jsonCodec:
		return json.Marshal(sv)
	case indented:
		return xml.MarshalIndent(sv, prefix, indent)
	}
	return xml.Marshal(sv)
}

// JSONMarshal is json.Marshal knowing v's static type.
func (p *Printer) JSONMarshal(site int, v any) ([]byte, error) {
	return p.marshal(jsonCodec, site, v, "", "", false)
}

// JSONMarshalIndent is json.MarshalIndent knowing v's static type.
func (p *Printer) JSONMarshalIndent(site int, v any, prefix, indent string) ([]byte, error) {
	return p.marshal(jsonCodec, site, v, prefix, indent, true)
}

// XMLMarshal is xml.Marshal knowing v's static type.
func (p *Printer) XMLMarshal(site int, v any) ([]byte, error) {
	return p.marshal(xmlCodec, site, v, "", "", false)
}

// XMLMarshalIndent is xml.MarshalIndent knowing v's static type.
func (p *Printer) XMLMarshalIndent(site int, v any, prefix, indent string) ([]byte, error) {
	return p.marshal(xmlCodec, site, v, prefix, indent, true)
}

// JSONValue is what encoding/json should be given for v (its static type
// site's first argument): v itself, or its shadow.
func (p *Printer) JSONValue(site int, v any) any {
	sv, _ := p.shadowArg(jsonCodec, site, v)
	return sv
}

// JSONEncode is enc.Encode(v) knowing v's static type.
func (p *Printer) JSONEncode(site int, enc *json.Encoder, v any) error {
	sv, _ := p.shadowArg(jsonCodec, site, v)
	return enc.Encode(sv)
}

// XMLEncode is enc.Encode(v) knowing v's static type.
func (p *Printer) XMLEncode(site int, enc *xml.Encoder, v any) error {
	sv, _ := p.shadowArg(xmlCodec, site, v)
	return enc.Encode(sv)
}

// JSONUnmarshal is json.Unmarshal into v (a pointer) knowing its static
// type.
func (p *Printer) JSONUnmarshal(site int, data []byte, v any) error {
	return p.unmarshal(jsonCodec, site, v, func(sv any) error { return json.Unmarshal(data, sv) })
}

// XMLUnmarshal is xml.Unmarshal into v knowing its static type.
func (p *Printer) XMLUnmarshal(site int, data []byte, v any) error {
	return p.unmarshal(xmlCodec, site, v, func(sv any) error { return xml.Unmarshal(data, sv) })
}

// JSONDecode is dec.Decode(v) knowing v's static type.
func (p *Printer) JSONDecode(site int, dec *json.Decoder, v any) error {
	return p.unmarshal(jsonCodec, site, v, dec.Decode)
}

// XMLDecode is dec.Decode(v) knowing v's static type.
func (p *Printer) XMLDecode(site int, dec *xml.Decoder, v any) error {
	return p.unmarshal(xmlCodec, site, v, dec.Decode)
}

// unmarshal decodes into a shadow of what v points to, initialised from
// it (decoding merges into the existing value, as Go's does), and copies
// the result back.
func (p *Printer) unmarshal(c codec, site int, v any, decode func(any) error) error {
	sv, sh := p.shadowArgFor(c, site, v, true)
	if sh == nil {
		return decode(v)
	}
	err := decode(sv)
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		sh.back(reflect.ValueOf(sv).Elem(), rv.Elem(), sh.elemType())
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Struct == "" {
		te.Struct = sh.structName(te.Field)
	}
	if err == nil {
		err = sh.err
	}
	return err
}

// shadowArg is the value the encoder gets for v: its shadow when its type
// is the session's, else v itself (sh nil).
func (p *Printer) shadowArg(c codec, site int, v any) (any, *shadower) {
	return p.shadowArgFor(c, site, v, false)
}

// shadowArgFor is shadowArg for encoding, or for decoding into the shadow.
func (p *Printer) shadowArgFor(c codec, site int, v any, decoding bool) (any, *shadower) {
	args, plain := p.args(site, []any{v})
	if plain {
		return v, nil
	}
	sh := newShadower(p, c)
	sh.decoding = decoding
	a := args[0]
	it := sh.s.resolveArg(a)
	if !it.rv.IsValid() {
		return v, nil
	}
	sh.root = it.t
	sv := sh.value(it.rv, it.t, true)
	if !sv.IsValid() || !sv.CanInterface() {
		return v, nil
	}
	return sv.Interface(), sh
}

func newShadower(p *Printer, c codec) *shadower {
	return &shadower{s: p.newState(), codec: c, types: map[string]reflect.Type{}, names: map[reflect.Type]string{},
		building: map[*types.Named]bool{}, plain: map[*types.Named]bool{}}
}

// shadower builds shadows for one call.
type shadower struct {
	s        *state
	codec    codec
	root     types.Type
	types    map[string]reflect.Type // shadow types by TypeName
	names    map[reflect.Type]string // shadow struct type -> the cell's type name
	building map[*types.Named]bool   // types whose shadow is being built
	decoding bool                    // the shadow is decoded into
	plain    map[*types.Named]bool   // types whose JSON methods are not to be used
	err      error                   // the first error of a value's UnmarshalJSON
}

// elemType is the static type of what the root (a pointer) points to.
func (sh *shadower) elemType() types.Type {
	if p, ok := types.Unalias(sh.root).(*types.Pointer); ok {
		return p.Elem()
	}
	return nil
}

var anyType = reflect.TypeFor[any]()

// shadowType is the reflect type a value of static type t (interpreter
// type rt) is encoded as: rt itself when t holds nothing of the session's,
// else the same structure with a cell's structs rebuilt from their
// declarations. top is set for a value that is an element by itself (the
// root, a root slice's elements), which XML names after its type.
func (sh *shadower) shadowType(rt reflect.Type, t types.Type, top bool) reflect.Type {
	if t == nil || sh.s.p.staticPlain(t) && !mayHoldUser(t) {
		return rt
	}
	t = types.Unalias(t)
	if isIface(t) {
		return anyType
	}
	if n, ok := t.(*types.Named); ok && !sh.s.p.isUserNamed(n) {
		return rt // a compiled type encodes as it is, with its own methods
	}
	if st := sh.methodType(t); st != nil {
		return st
	}
	key := TypeName(t, sh.s.p.cfg.UserPath)
	if top {
		key += " top"
	}
	if st, ok := sh.types[key]; ok {
		return st
	}
	if n, ok := t.(*types.Named); ok {
		// reflect cannot build a type that contains itself: a recursive
		// reference (Friends []User in User) is an any holding the shadow.
		if sh.building[n] {
			return anyType
		}
		sh.building[n] = true
		defer delete(sh.building, n)
	}
	var out reflect.Type
	switch ut := t.Underlying().(type) {
	case *types.Pointer:
		if rt.Kind() != reflect.Pointer {
			return rt
		}
		out = reflect.PointerTo(sh.shadowType(rt.Elem(), ut.Elem(), top))
	case *types.Slice:
		if rt.Kind() != reflect.Slice {
			return rt
		}
		out = reflect.SliceOf(sh.shadowType(rt.Elem(), ut.Elem(), top && sh.codec == xmlCodec))
	case *types.Array:
		if rt.Kind() != reflect.Array {
			return rt
		}
		out = reflect.ArrayOf(rt.Len(), sh.shadowType(rt.Elem(), ut.Elem(), top && sh.codec == xmlCodec))
	case *types.Map:
		if rt.Kind() != reflect.Map {
			return rt
		}
		out = reflect.MapOf(sh.shadowType(rt.Key(), ut.Key(), false), sh.shadowType(rt.Elem(), ut.Elem(), false))
	case *types.Struct:
		if rt.Kind() != reflect.Struct || rt.NumField() != ut.NumFields() {
			return rt
		}
		out = sh.structType(rt, t, ut, top)
	default:
		return rt
	}
	sh.types[key] = out
	return out
}

// mayHoldUser reports whether a value of type t may hold one of the
// session's values in an interface.
func mayHoldUser(t types.Type) bool {
	found := false
	walkStatic(t, func(t types.Type) bool {
		if isIface(t) {
			found = true
		}
		return !found
	})
	return found
}

// structType rebuilds a struct: its exported fields (and embedded ones,
// which the encoders flatten), with their tags; for XML an XMLName field
// if it has none, which names a top-level element after the type.
func (sh *shadower) structType(rt reflect.Type, t types.Type, st *types.Struct, top bool) reflect.Type {
	var fields []reflect.StructField
	hasXMLName := false
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if !f.Exported() && !f.Embedded() {
			continue
		}
		name := f.Name()
		if f.Name() == "XMLName" {
			hasXMLName = true
		}
		if !token0Exported(name) {
			name = strings.ToUpper(name[:1]) + name[1:]
		}
		fields = append(fields, reflect.StructField{Name: name, Type: sh.shadowType(rt.Field(i).Type, f.Type(), false),
			Tag: reflect.StructTag(st.Tag(i)), Anonymous: f.Embedded()})
	}
	if sh.codec == xmlCodec && !hasXMLName {
		fields = append([]reflect.StructField{{Name: "XMLName", Type: reflect.TypeFor[xml.Name]()}}, fields...)
	}
	out := reflect.StructOf(fields)
	if n, ok := t.(*types.Named); ok {
		sh.names[out] = n.Obj().Name()
	}
	return out
}

func token0Exported(name string) bool {
	for _, r := range name {
		return unicode.IsUpper(r)
	}
	return false
}

// value builds the shadow of rv (static type t).
func (sh *shadower) value(rv reflect.Value, t types.Type, top bool) reflect.Value {
	if t != nil && isIface(types.Unalias(t)) || !rv.IsValid() || isValueInterface(rv.Type()) || isWrapper(rv.Type()) {
		dyn := sh.s.dynamic(rv, t)
		if !dyn.rv.IsValid() {
			return reflect.Zero(anyType)
		}
		if dyn.t == nil {
			return dyn.rv
		}
		return sh.value(dyn.rv, dyn.t, top)
	}
	st := sh.shadowType(rv.Type(), t, top)
	if n, ok := types.Unalias(t).(*types.Named); st == rv.Type() && (t == nil || !mayHoldUser(t) || ok && !sh.s.p.isUserNamed(n)) {
		return rv
	}
	if st == jsonValueType || st == reflect.PointerTo(jsonValueType) {
		return sh.methodValue(rv, t, st)
	}
	ut := types.Unalias(t).Underlying()
	out := reflect.New(st).Elem()
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return out
		}
		out.Set(reflect.New(st.Elem()))
		out.Elem().Set(sh.value(rv.Elem(), ut.(*types.Pointer).Elem(), top))
	case reflect.Slice:
		if rv.IsNil() {
			return out
		}
		out.Set(reflect.MakeSlice(st, rv.Len(), rv.Len()))
		for i := 0; i < rv.Len(); i++ {
			sh.set(out.Index(i), sh.value(rv.Index(i), ut.(*types.Slice).Elem(), top && sh.codec == xmlCodec))
		}
	case reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			sh.set(out.Index(i), sh.value(rv.Index(i), ut.(*types.Array).Elem(), top && sh.codec == xmlCodec))
		}
	case reflect.Map:
		if rv.IsNil() {
			return out
		}
		m := ut.(*types.Map)
		out.Set(reflect.MakeMapWithSize(st, rv.Len()))
		for _, k := range rv.MapKeys() {
			out.SetMapIndex(sh.value(k, m.Key(), false), sh.value(rv.MapIndex(k), m.Elem(), false))
		}
	case reflect.Struct:
		s := ut.(*types.Struct)
		j := 0
		if sh.codec == xmlCodec && st.NumField() > 0 && st.Field(0).Name == "XMLName" && !hasField(s, "XMLName") {
			if n, ok := types.Unalias(t).(*types.Named); ok && top {
				out.Field(0).Set(reflect.ValueOf(xml.Name{Local: n.Obj().Name()}))
			}
			j = 1
		}
		for i := 0; i < s.NumFields(); i++ {
			f := s.Field(i)
			if !f.Exported() && !f.Embedded() {
				continue
			}
			fv := rv.Field(i)
			if out.Field(j).Type() == anyType && !isIface(types.Unalias(f.Type())) && emptyForAny(fv, s.Tag(i)) {
				j++ // a recursive field left nil: null, or omitted
				continue
			}
			sh.set(out.Field(j), sh.value(fv, f.Type(), false))
			j++
		}
	default:
		return rv
	}
	return out
}

// emptyForAny reports whether a field the shadow holds in an any (a
// recursive reference) should stay a nil interface: a nil pointer, slice
// or map, which encode as null; or, with omitempty, an empty value.
func emptyForAny(v reflect.Value, tag string) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		if v.IsNil() {
			return true
		}
	}
	for _, key := range []string{"json", "xml"} {
		if _, opts, _ := strings.Cut(reflect.StructTag(tag).Get(key), ","); strings.Contains(","+opts+",", ",omitempty,") {
			return v.IsZero() || (v.Kind() == reflect.Slice || v.Kind() == reflect.Map || v.Kind() == reflect.Array) && v.Len() == 0
		}
	}
	return false
}

func hasField(s *types.Struct, name string) bool {
	for i := 0; i < s.NumFields(); i++ {
		if s.Field(i).Name() == name {
			return true
		}
	}
	return false
}

// set stores v in dst, converting between the interpreter's and the
// shadow's types of the same kind.
func (sh *shadower) set(dst, v reflect.Value) {
	switch {
	case !v.IsValid():
	case v.Type().AssignableTo(dst.Type()):
		dst.Set(v)
	case v.Type().ConvertibleTo(dst.Type()):
		dst.Set(v.Convert(dst.Type()))
	}
}

// back copies a decoded shadow into the interpreter's value dst (static
// type t).
func (sh *shadower) back(sv, dst reflect.Value, t types.Type) {
	if !sv.IsValid() || !dst.CanSet() {
		return
	}
	if sv.Type() == dst.Type() {
		dst.Set(sv)
		return
	}
	if t == nil {
		sh.set(dst, sv)
		return
	}
	t = types.Unalias(t)
	if isIface(t) {
		sh.set(dst, sv)
		return
	}
	if sv.Type() == jsonValueType || sv.Type() == reflect.PointerTo(jsonValueType) {
		sh.methodBack(sv, dst, t)
		return
	}
	if sv.Kind() == reflect.Interface {
		// A recursive reference: the decoder filled the any with generic
		// JSON; decode it again, one level down, into its own shadow.
		if sv.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return
		}
		if sh.codec != jsonCodec {
			return
		}
		data, err := json.Marshal(sv.Interface())
		if err != nil {
			return
		}
		level := newShadower(sh.s.p, sh.codec)
		st := reflect.New(level.shadowType(dst.Type(), t, false))
		st.Elem().Set(level.value(dst, t, false))
		if json.Unmarshal(data, st.Interface()) == nil {
			level.back(st.Elem(), dst, t)
		}
		return
	}
	ut := t.Underlying()
	switch sv.Kind() {
	case reflect.Pointer:
		if sv.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		sh.back(sv.Elem(), dst.Elem(), ut.(*types.Pointer).Elem())
	case reflect.Slice:
		if sv.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return
		}
		out := reflect.MakeSlice(dst.Type(), sv.Len(), sv.Len())
		for i := 0; i < sv.Len(); i++ {
			sh.back(sv.Index(i), out.Index(i), ut.(*types.Slice).Elem())
		}
		dst.Set(out)
	case reflect.Array:
		for i := 0; i < sv.Len() && i < dst.Len(); i++ {
			sh.back(sv.Index(i), dst.Index(i), ut.(*types.Array).Elem())
		}
	case reflect.Map:
		if sv.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return
		}
		m := ut.(*types.Map)
		out := reflect.MakeMapWithSize(dst.Type(), sv.Len())
		for _, k := range sv.MapKeys() {
			dk := reflect.New(dst.Type().Key()).Elem()
			sh.back(k, dk, m.Key())
			dv := reflect.New(dst.Type().Elem()).Elem()
			sh.back(sv.MapIndex(k), dv, m.Elem())
			out.SetMapIndex(dk, dv)
		}
		dst.Set(out)
	case reflect.Struct:
		s, ok := ut.(*types.Struct)
		if !ok || dst.Kind() != reflect.Struct || dst.NumField() != s.NumFields() {
			return
		}
		j := 0
		if sh.codec == xmlCodec && sv.NumField() > 0 && sv.Type().Field(0).Name == "XMLName" && !hasField(s, "XMLName") {
			j = 1
		}
		for i := 0; i < s.NumFields(); i++ {
			f := s.Field(i)
			if !f.Exported() && !f.Embedded() {
				continue
			}
			sh.back(sv.Field(j), dst.Field(i), f.Type())
			j++
		}
	default:
		sh.set(dst, sv)
	}
}

// structName is the name json's UnmarshalTypeError gives the struct
// holding the field at path ("addr.zip": the type of field addr), from the
// cell's declarations: the shadow's own type has no name.
func (sh *shadower) structName(path string) string {
	t := sh.elemType()
	parts := strings.Split(path, ".")
	for i, part := range parts {
		n, _ := derefNamed(t)
		s, ok := under(t).(*types.Struct)
		if !ok {
			return ""
		}
		if i == len(parts)-1 {
			if n != nil {
				return n.Obj().Name()
			}
			return ""
		}
		t = nil
		for j := 0; j < s.NumFields(); j++ {
			if jsonName(s.Field(j).Name(), s.Tag(j)) == part {
				t = s.Field(j).Type()
			}
		}
		for t != nil {
			if _, ok := under(t).(*types.Struct); ok {
				break
			}
			// through pointers, slices and maps to the struct
			switch u := under(t).(type) {
			case *types.Pointer:
				t = u.Elem()
			case *types.Slice:
				t = u.Elem()
			case *types.Array:
				t = u.Elem()
			case *types.Map:
				t = u.Elem()
			default:
				return ""
			}
		}
	}
	return ""
}

func derefNamed(t types.Type) (*types.Named, bool) {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	return n, ok
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem().Underlying()
	}
	return t.Underlying()
}

// jsonName is the key json uses for a field.
func jsonName(field, tag string) string {
	if name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ","); name != "" && name != "-" {
		return name
	}
	return field
}

// jsonValue stands in a shadow for a value with JSON methods of its own:
// it encodes as what the value's MarshalJSON returned (or its MarshalText,
// as a string), and decoding keeps the raw JSON for the value's
// UnmarshalJSON (or UnmarshalText).
type jsonValue struct {
	data []byte
	err  error
	got  bool
}

func (j jsonValue) MarshalJSON() ([]byte, error) { return j.data, j.err }

func (j *jsonValue) UnmarshalJSON(b []byte) error {
	j.data, j.got = append([]byte(nil), b...), true
	return nil
}

var jsonValueType = reflect.TypeFor[jsonValue]()

// userMethod returns the registered method m of t's method set (t a
// session type or a pointer to one).
func (sh *shadower) userMethod(t types.Type, m string) (method, bool) {
	n, _ := sh.s.user(item{t: t})
	if n == nil || sh.plain[n] {
		return method{}, false
	}
	u := sh.s.p.typeNamed(userKey(n))
	if u == nil {
		return method{}, false
	}
	meth, ok := u.methods[m]
	return meth, ok
}

// methodType is the shadow type of a session type with JSON methods for
// the direction at hand (jsonValue, or *jsonValue for a pointer), or nil.
func (sh *shadower) methodType(t types.Type) reflect.Type {
	if sh.codec != jsonCodec {
		return nil
	}
	names := []string{"MarshalJSON", "MarshalText"}
	if sh.decoding {
		names = []string{"UnmarshalJSON", "UnmarshalText"}
	}
	for _, m := range names {
		if _, ok := sh.userMethod(t, m); ok {
			if _, isPtr := types.Unalias(t).(*types.Pointer); isPtr {
				return reflect.PointerTo(jsonValueType)
			}
			return jsonValueType
		}
	}
	return nil
}

// methodValue fills the jsonValue for rv: the output of its MarshalJSON or
// MarshalText, called as encoding/json would (a method of the pointer only
// on an addressable value; else the value encodes as if it had none).
func (sh *shadower) methodValue(rv reflect.Value, t types.Type, st reflect.Type) reflect.Value {
	if st.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return reflect.Zero(st)
		}
		elem := types.Unalias(t).(*types.Pointer).Elem()
		jv := reflect.New(jsonValueType)
		jv.Elem().Set(sh.methodValue(rv.Elem(), elem, jsonValueType))
		if !sh.decoding {
			if jv.Elem().Interface().(jsonValue).data == nil {
				// The method is the pointer's: call it on rv itself.
				jv.Elem().Set(reflect.ValueOf(sh.marshal(rv, t)))
			}
		}
		return jv
	}
	if sh.decoding {
		return reflect.ValueOf(jsonValue{})
	}
	return reflect.ValueOf(sh.marshal(rv, t))
}

// marshal calls rv's MarshalJSON or MarshalText; with neither callable, it
// encodes rv structurally.
func (sh *shadower) marshal(rv reflect.Value, t types.Type) jsonValue {
	_, isPtr := types.Unalias(t).(*types.Pointer)
	for _, m := range []string{"MarshalJSON", "MarshalText"} {
		meth, ok := sh.userMethod(t, m)
		if !ok {
			continue
		}
		recv := rv
		if meth.ptr && !isPtr {
			if !rv.CanAddr() {
				break // not addressable: encoding/json does not call it
			}
			recv = rv.Addr()
		}
		if !meth.ptr && isPtr {
			recv = rv.Elem()
		}
		out := meth.fn.Call([]reflect.Value{recv})
		data, _ := out[0].Interface().([]byte)
		err, _ := out[1].Interface().(error)
		if err == nil && m == "MarshalText" {
			data, err = json.Marshal(string(data))
		}
		return jsonValue{data: data, err: err}
	}
	// Encode rv as if its type had no JSON methods.
	level := newShadower(sh.s.p, sh.codec)
	for n := range sh.plain {
		level.plain[n] = true
	}
	if n, _ := sh.s.user(item{t: t}); n != nil {
		level.plain[n] = true
	}
	data, err := json.Marshal(level.value(rv, t, false).Interface())
	return jsonValue{data: data, err: err}
}

// methodBack hands decoded raw JSON to the value's UnmarshalJSON (or, once
// unquoted, its UnmarshalText).
func (sh *shadower) methodBack(sv, dst reflect.Value, t types.Type) {
	if sv.Kind() == reflect.Pointer {
		if sv.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		sh.methodBack(sv.Elem(), dst.Elem(), types.Unalias(t).(*types.Pointer).Elem())
		return
	}
	jv := sv.Interface().(jsonValue)
	if !jv.got {
		return
	}
	for _, m := range []string{"UnmarshalJSON", "UnmarshalText"} {
		meth, ok := sh.userMethod(types.NewPointer(t), m)
		if !ok || !dst.CanAddr() {
			continue
		}
		data := jv.data
		if m == "UnmarshalText" {
			var s string
			if json.Unmarshal(data, &s) != nil {
				return
			}
			data = []byte(s)
		}
		recv := dst.Addr()
		if !meth.ptr {
			recv = dst
		}
		out := meth.fn.Call([]reflect.Value{recv, reflect.ValueOf(data)})
		if err, _ := out[0].Interface().(error); err != nil && sh.err == nil {
			sh.err = err
		}
		return
	}
}
