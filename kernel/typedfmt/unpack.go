package typedfmt

import "reflect"

// Unpack returns what x, an interpreted value handed to compiled code in an
// `any`, stands for: the value inside yaegi's valueInterface and the
// interpreter's name for its dynamic type ("main.wrap", "*main.wrap"; ""
// when unknown), or x itself with "". The engine's errors.Is compares
// interpreted errors with it.
func Unpack(x any) (v any, typeName string) {
	rv := reflect.ValueOf(x)
	if !rv.IsValid() || !isValueInterface(rv.Type()) {
		return x, ""
	}
	inner, name, ok := unpackValueInterface(rv)
	if !ok || !inner.CanInterface() {
		return nil, ""
	}
	return inner.Interface(), name
}
