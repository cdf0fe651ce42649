package engine

// errors.Is and errors.Unwrap for the session's own error types.
//
// yaegi behaviour answered: a value of an interpreted type reaches compiled
// code as an `error` in yaegi's wrapper interp._error, which has only the
// Error method, so the standard errors.Unwrap and errors.Is never see an
// interpreted type's Unwrap() error, Unwrap() []error or Is(error) bool
// (errors.Unwrap(mine) was nil). Interpreted code cannot look for them
// either: asserting an error to interface{ Unwrap() error } panicked
// ("reflect.Set: value of type struct {…} is not assignable to type error")
// or failed (in a type switch). A type assertion to the concrete type
// works, so the errors pass (frontend/pass_errors.go) registers, for each
// type of the session with one of those methods, closures that assert to
// the type and call the method, and routes errors.Is and errors.Unwrap
// calls here, their arguments as `any` (an interpreted value in `any`
// arrives as itself, not wrapped).
//
// The walk is Go's (errors/wrap.go's order: == first, then Is, then
// Unwrap, depth first through Unwrap() []error); a value is tried against
// the registered closures when it is an interpreted value itself, or what
// an interp._error wrapper holds in its IValue field when that is a value
// of a type without methods in reflect (a pointer to an interpreted struct,
// an interpreted int…). For a value-receiver struct, yaegi's wrapper holds
// one of the struct's fields instead (interp.getConcreteValue), so such an
// error stored in an error-typed field or variable that went through
// compiled code is seen by its Error method only: its own Unwrap and Is are
// not found (README, Known limits).

import (
	"reflect"
	"sync"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/typedfmt"
)

// errorMethods are the closures registered for one type; each reports
// false when its argument is not of the type.
type errorMethods struct {
	text   func(v any) (string, bool)
	unwrap func(v any) (error, bool)
	multi  func(v any) ([]error, bool)
	is     func(v any, target error) (bool, bool)
}

// errorTypes are the session's error types with Unwrap or Is methods, by
// type name (a later registration of a name replaces the earlier one).
type errorTypes struct {
	mu    sync.RWMutex
	names []string
	by    map[string]errorMethods
}

func (e *errorTypes) symbols(syms map[string]reflect.Value) {
	syms[string(frontend.RTRegisterError)] = reflect.ValueOf(e.register)
	syms[string(frontend.RTErrorsIs)] = reflect.ValueOf(e.is)
	syms[string(frontend.RTErrorsUnwrap)] = reflect.ValueOf(e.unwrapCall)
	syms[string(frontend.RTErrorsEqual)] = reflect.ValueOf(errorsEqual)
}

// errorsEqual is a == b for two errors, each as an interpreted value
// reaches compiled code in an `any`, once what stands for a value (yaegi's
// interp._error, typedfmt's %w wrapper) is replaced by the value: Go's ==
// on interfaces (same dynamic type, equal values). Go panics on equal
// uncomparable dynamic types; so does this, in Go's words.
func errorsEqual(a, b any) bool {
	a, name := inner(a)
	b, _ = inner(b)
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta != tb {
		return false
	}
	if ta != nil && !ta.Comparable() {
		if name == "" {
			name = ta.String()
		} else {
			name = "main." + name
		}
		panic(runtimeError{"runtime error: comparing uncomparable type " + name})
	}
	return a == b
}

func (e *errorTypes) register(name string, text func(any) (string, bool), unwrap func(any) (error, bool),
	multi func(any) ([]error, bool), is func(any, error) (bool, bool)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.by == nil {
		e.by = map[string]errorMethods{}
	}
	if _, ok := e.by[name]; !ok {
		e.names = append(e.names, name)
	}
	e.by[name] = errorMethods{text, unwrap, multi, is}
}

// methods returns the registered methods of x's type, trying each type in
// registration order.
func (e *errorTypes) methods(x any) (errorMethods, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	for _, n := range e.names {
		m := e.by[n]
		if m.text != nil {
			if _, ok := m.text(x); ok {
				return m, true
			}
		}
	}
	return errorMethods{}, false
}

// inner is what x stands for: the value inside yaegi's valueInterface (an
// interpreted value passed as `any`), with its type's name; inside
// typedfmt's wrapper of a %w operand; or inside yaegi's interp._error
// wrapper when that holds the interpreted value itself (a value of a type
// without methods in reflect); else x.
func inner(x any) (any, string) {
	x, name := typedfmt.Unpack(x)
	v := reflect.ValueOf(x)
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct && v.Type().Elem().PkgPath() == typedfmtPath {
		v = v.Elem()
	}
	if !v.IsValid() || v.Kind() != reflect.Struct || v.NumField() == 0 || v.Type().Field(0).Name != "IValue" {
		return x, name
	}
	fromYaegi := v.Type().PkgPath() == "github.com/traefik/yaegi/interp"
	if !fromYaegi && v.Type().PkgPath() != typedfmtPath {
		return x, name
	}
	iv := v.Field(0)
	if iv.Kind() == reflect.Interface {
		iv = iv.Elem()
	}
	if !iv.IsValid() || !iv.CanInterface() || fromYaegi && iv.Type().NumMethod() > 0 {
		return x, "" // a field of a value struct (see the file's comment), or nothing
	}
	return iv.Interface(), ""
}

var typedfmtPath = reflect.TypeFor[typedfmt.Printer]().PkgPath()

// carried is an interpreted value handed to a registered Is method as its
// error argument, laid out as yaegi's own wrapper interp._error (IValue,
// then WError: measured, a wrapper-like struct with another second field
// crashed the call with a nil function): yaegi's type assertions look into
// IValue. yaegi's own wrapper of a value-receiver struct holds one of the
// struct's fields instead, so it cannot be the argument.
type carried struct {
	IValue any
	WError func() string
}

func (c carried) Error() string { return c.WError() }

// unwrap is Go's errors.Unwrap(x) for Unwrap() error (multi false), or x's
// Unwrap() []error (multi true).
func (e *errorTypes) unwrap(x any) (one error, many []error, multi bool) {
	in, _ := inner(x)
	if m, ok := e.methods(in); ok {
		if m.unwrap != nil {
			one, _ = m.unwrap(in)
			return one, nil, false
		}
		if m.multi != nil {
			many, _ = m.multi(in)
			return nil, many, true
		}
		return nil, nil, false
	}
	switch u := x.(type) {
	case interface{ Unwrap() error }:
		return u.Unwrap(), nil, false
	case interface{ Unwrap() []error }:
		return nil, u.Unwrap(), true
	}
	return nil, nil, false
}

// unwrapCall is errors.Unwrap.
func (e *errorTypes) unwrapCall(x any) error {
	one, _, _ := e.unwrap(x)
	return one
}

// is is errors.Is, with err and target as an interpreted value reaches
// compiled code in an `any`: itself (as an error it would be yaegi's
// wrapper, which for a struct with value methods holds one of its fields).
func (e *errorTypes) is(x, target any) bool {
	if x == nil || target == nil {
		return x == nil && target == nil
	}
	t, tname := inner(target)
	if t == nil {
		return false
	}
	comparable := reflect.TypeOf(t).Comparable()
	// An Is method's argument: a compiled error as itself, an interpreted
	// value in a wrapper yaegi's type assertions look into.
	targetErr, compiled := t.(error)
	if !compiled {
		text := ""
		if m, ok := e.methods(t); ok {
			text, _ = m.text(t)
		}
		targetErr = carried{IValue: t, WError: func() string { return text }}
	}
	var walk func(x any) bool
	walk = func(x any) bool {
		for x != nil {
			in, name := inner(x)
			if comparable && (name == "" || tname == "" || name == tname) && sameValue(in, t) {
				return true
			}
			if m, ok := e.methods(in); ok {
				if m.is != nil {
					if yes, _ := m.is(in, targetErr); yes {
						return true
					}
				}
			} else if i, ok := x.(interface{ Is(error) bool }); ok && i.Is(targetErr) {
				return true
			}
			one, many, multi := e.unwrap(x)
			if multi {
				for _, err := range many {
					if err != nil && walk(err) {
						return true
					}
				}
				return false
			}
			if one == nil {
				return false
			}
			x = one
		}
		return false
	}
	return walk(x)
}

// sameValue is a == b for two values of comparable types (a panic of a
// comparison of uncomparable dynamic values is no match, as errors.Is
// checks comparability first).
func sameValue(a, b any) (same bool) {
	if reflect.TypeOf(a) != reflect.TypeOf(b) || !reflect.TypeOf(a).Comparable() {
		return false
	}
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	return a == b
}
