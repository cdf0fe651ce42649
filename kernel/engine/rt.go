package engine

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// runtimeSymbols is the host package "gokernel/rt" the front-end's builtins
// pass calls (imported as _gkrt by the prelude).
func runtimeSymbols(stderr io.Writer) map[string]reflect.Value {
	return map[string]reflect.Value{
		// Clear is Go 1.21's clear: yaegi v0.16.1 has no clear.
		"Clear": reflect.ValueOf(func(x any) {
			v := reflect.ValueOf(x)
			if v.Kind() == reflect.Map || v.Kind() == reflect.Slice {
				v.Clear()
			}
		}),
		// Print and Println are Go's print and println: yaegi writes them
		// to stdout, Go to stderr, with the runtime's formatting.
		"Print": reflect.ValueOf(func(a ...any) {
			var b strings.Builder
			for _, x := range a {
				b.WriteString(runtimeFormat(x))
			}
			io.WriteString(stderr, b.String())
		}),
		"Println": reflect.ValueOf(func(a ...any) {
			parts := make([]string, len(a))
			for i, x := range a {
				parts[i] = runtimeFormat(x)
			}
			io.WriteString(stderr, strings.Join(parts, " ")+"\n")
		}),
	}
}

// runtimeFormat formats one argument as the Go runtime's print does.
func runtimeFormat(x any) string {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			return "NaN"
		case math.IsInf(f, 1):
			return "+Inf"
		case math.IsInf(f, -1):
			return "-Inf"
		}
		s := strconv.FormatFloat(f, 'e', 6, 64) // 1.500000e+00
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.HasPrefix(mant, "-") {
			mant = "+" + mant
		}
		sign := exp[:1]
		n, _ := strconv.Atoi(exp[1:])
		return fmt.Sprintf("%se%s%03d", mant, sign, n)
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return fmt.Sprintf("%#x", v.Pointer())
	case reflect.Invalid:
		return "nil"
	}
	if v.Kind() == reflect.Interface || v.Kind() == reflect.Slice || v.Kind() == reflect.Struct {
		return fmt.Sprintf("%v", x)
	}
	return fmt.Sprint(x)
}

// errorsAs is errors.As for interpreted error types. yaegi v0.16.1 hands a
// value of an interpreted type implementing error to compiled code wrapped
// in a struct whose first field is IValue, and the type behind the target
// pointer has no methods for reflect, so the standard errors.As panics with
// "errors: *target must be interface or implement error". This version
// unwraps the chain itself and compares the wrapped values' types.
func errorsAs(err error, target any) bool {
	tv := reflect.ValueOf(target)
	if !tv.IsValid() || tv.Kind() != reflect.Pointer || tv.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	te := tv.Elem()
	tt := te.Type()
	var walk func(err error) bool
	walk = func(err error) bool {
		for err != nil {
			v := reflect.ValueOf(err)
			cands := []reflect.Value{v}
			for w := v; ; {
				if w.Kind() == reflect.Pointer && !w.IsNil() {
					w = w.Elem()
				}
				if w.Kind() == reflect.Struct && w.NumField() > 0 && w.Type().Field(0).Name == "IValue" {
					inner := w.Field(0)
					if inner.Kind() == reflect.Interface && !inner.IsNil() {
						inner = inner.Elem()
					}
					cands = append(cands, inner)
					w = inner
					continue
				}
				break
			}
			for _, c := range cands {
				if c.IsValid() && c.Type().AssignableTo(tt) {
					te.Set(c)
					return true
				}
			}
			if x, ok := err.(interface{ As(any) bool }); ok && x.As(target) {
				return true
			}
			switch u := err.(type) {
			case interface{ Unwrap() error }:
				err = u.Unwrap()
			case interface{ Unwrap() []error }:
				for _, e := range u.Unwrap() {
					if walk(e) {
						return true
					}
				}
				return false
			default:
				return false
			}
		}
		return false
	}
	return walk(err)
}
