package typedfmt

// How yaegi v0.16.1 hands interpreted values to compiled code, measured:
//
//   - A value of an interpreted interface type (type Shape interface{…}),
//     and a value of a type with methods stored in an `any` slot ([]any{p},
//     map[string]any, a struct field of type any), is an
//     interp.valueInterface{node *node; value reflect.Value}: value is the
//     value, node the interpreter's node for it, whose typ field is the
//     dynamic type (its str is "main.Point").
//   - A value stored in a compiled interface type (error, fmt.Stringer) is a
//     struct yaegi generates: field IValue holds the value and fields
//     W<Method> hold its methods as funcs (interp._error{IValue, WError},
//     stdlib._fmt_Stringer{IValue, WString}).
//   - Anything else is the value itself, of its type's underlying reflect
//     type (float64 for Celsius, struct { X int; Y int } for Point, with
//     unexported fields renamed X…).
//
// valueInterface is unexported: its fields are read through reflect (the
// node's type by field name, the value through its address), and a layout
// that no longer matches reads as "type unknown", never as a crash.

import (
	"reflect"
	"strings"
	"unsafe"
)

const yaegiPath = "github.com/traefik/yaegi/"

func fromYaegi(t reflect.Type) bool { return strings.HasPrefix(t.PkgPath(), yaegiPath) }

// isValueInterface reports whether t is yaegi's interp.valueInterface.
func isValueInterface(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.Name() == "valueInterface" && fromYaegi(t) && t.NumField() == 2 &&
		t.Field(1).Type == reflect.TypeFor[reflect.Value]()
}

// unpackValueInterface returns what a valueInterface holds and the
// interpreter's name for its dynamic type ("main.Point", "*main.Point"; ""
// when unknown). ok is false for a nil interface value.
func unpackValueInterface(v reflect.Value) (inner reflect.Value, typeName string, ok bool) {
	node := v.Field(0)
	if node.Kind() != reflect.Pointer || node.IsNil() {
		return reflect.Value{}, "", false
	}
	if !v.CanAddr() {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	inner = *(*reflect.Value)(unsafe.Pointer(v.Field(1).UnsafeAddr()))
	if typ := node.Elem().FieldByName("typ"); typ.IsValid() && typ.Kind() == reflect.Pointer && !typ.IsNil() {
		if s := typ.Elem().FieldByName("str"); s.IsValid() && s.Kind() == reflect.String {
			typeName = s.String()
		}
	}
	return inner, typeName, inner.IsValid()
}

// isWrapper reports whether t is one of yaegi's generated wrappers of an
// interpreted value in a compiled interface.
func isWrapper(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && fromYaegi(t) && t.NumField() > 0 && t.Field(0).Name == "IValue" &&
		t.Field(0).Type.Kind() == reflect.Interface
}

// unpackWrapper returns the value a wrapper holds and its methods by name.
func unpackWrapper(v reflect.Value) (inner reflect.Value, methods map[string]reflect.Value) {
	inner = v.Field(0)
	if inner.Kind() == reflect.Interface {
		inner = inner.Elem()
	}
	t := v.Type()
	for i := 1; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type.Kind() != reflect.Func || !strings.HasPrefix(f.Name, "W") || v.Field(i).IsNil() {
			continue
		}
		if methods == nil {
			methods = map[string]reflect.Value{}
		}
		methods[f.Name[1:]] = v.Field(i)
	}
	return inner, methods
}
