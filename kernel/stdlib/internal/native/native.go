// Package native holds the compiled helpers the generic sources (package
// stdlib, generic/) call where interpreted code is far too slow (sorting
// 20 000 ints takes yaegi v0.16.1 about 2 s interpreted, 2 ms compiled) or
// cannot see what it needs (the Unwrap methods of an error chain).
//
// The interpreter reaches it under its real import path, so the generic
// sources also compile as ordinary Go: stdlib.Load registers Symbols before
// it compiles a source that imports this package.
package native

import (
	"cmp"
	"reflect"
	"slices"
	"sort"
	"sync"
)

// Path is the import path the generic sources use.
const Path = "github.com/gokernel/gokernel/kernel/stdlib/internal/native"

// Symbols is this package's table for interp.Use.
func Symbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		Path + "/native": {
			"Sort": reflect.ValueOf(Sort),
			"As":   reflect.ValueOf(As),

			"LockPointers":   reflect.ValueOf(LockPointers),
			"UnlockPointers": reflect.ValueOf(UnlockPointers),
		},
	}
}

// Sort sorts s, a slice of integers, floats or strings, in increasing
// order (NaNs first, as cmp.Less has it) and reports true; for any other
// value it does nothing and reports false.
//
// A slice of an interpreted named type (`type Celsius float64`) reaches
// compiled code as its underlying type ([]float64): yaegi gives interpreted
// types no reflect type of their own. Named types of compiled packages
// ([]time.Duration) take the reflect path.
func Sort(s any) bool {
	switch s := s.(type) {
	case []int:
		slices.Sort(s)
	case []int8:
		slices.Sort(s)
	case []int16:
		slices.Sort(s)
	case []int32:
		slices.Sort(s)
	case []int64:
		slices.Sort(s)
	case []uint:
		slices.Sort(s)
	case []uint8:
		slices.Sort(s)
	case []uint16:
		slices.Sort(s)
	case []uint32:
		slices.Sort(s)
	case []uint64:
		slices.Sort(s)
	case []uintptr:
		slices.Sort(s)
	case []float32:
		slices.Sort(s)
	case []float64:
		slices.Sort(s)
	case []string:
		slices.Sort(s)
	default:
		return sortReflect(s)
	}
	return true
}

// sortReflect sorts a slice whose element kind is ordered. Elements that
// compare equal are indistinguishable (but for -0 and +0), so an unstable
// sort is fine.
func sortReflect(s any) bool {
	v := reflect.ValueOf(s)
	if v.Kind() != reflect.Slice {
		return false
	}
	var less func(i, j int) bool
	switch v.Type().Elem().Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		less = func(i, j int) bool { return v.Index(i).Int() < v.Index(j).Int() }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		less = func(i, j int) bool { return v.Index(i).Uint() < v.Index(j).Uint() }
	case reflect.Float32, reflect.Float64:
		less = func(i, j int) bool { return cmp.Less(v.Index(i).Float(), v.Index(j).Float()) }
	case reflect.String:
		less = func(i, j int) bool { return v.Index(i).String() < v.Index(j).String() }
	default:
		return false
	}
	sort.Slice(s, less)
	return true
}

// As looks for the first error in err's tree (err, then what Unwrap()
// error or Unwrap() []error return, depth first) whose value can be stored
// in *target, stores it and reports true; an error whose As(any) bool
// method returns true for target counts too. target must be a non-nil
// pointer; for anything else As reports false.
//
// It is errors.As without the check that *target is an error type, for
// errors.AsType, and it runs compiled because interpreted code cannot walk
// the tree under yaegi v0.16.1: once a value is held in an error, an
// assertion to any other interface fails (err.(interface{ Unwrap() error
// }) is false even for fmt.Errorf's *fmt.wrapError). An interpreted value
// reaches compiled code wrapped in a struct of yaegi's whose first field,
// IValue, holds it; As looks inside. The Unwrap and As methods of
// interpreted types stay invisible here as everywhere.
func As(err error, target any) bool {
	tv := reflect.ValueOf(target)
	if !tv.IsValid() || tv.Kind() != reflect.Pointer || tv.IsNil() {
		return false
	}
	dst := tv.Elem()
	stack := []error{err}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e == nil {
			continue
		}
		for v := reflect.ValueOf(e); v.IsValid(); v = interpreted(v) {
			if v.Type().AssignableTo(dst.Type()) {
				dst.Set(v)
				return true
			}
		}
		if x, ok := e.(interface{ As(any) bool }); ok && x.As(target) {
			return true
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			stack = append(stack, u.Unwrap())
		case interface{ Unwrap() []error }:
			inner := u.Unwrap()
			for i := len(inner) - 1; i >= 0; i-- {
				stack = append(stack, inner[i])
			}
		}
	}
	return false
}

// interpreted returns the value inside v when v is (a pointer to) one of
// yaegi's wrapper structs, whose first field is IValue; otherwise the zero
// Value.
func interpreted(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct || v.NumField() == 0 || v.Type().Field(0).Name != "IValue" {
		return reflect.Value{}
	}
	inner := v.Field(0)
	if inner.Kind() == reflect.Interface {
		if inner.IsNil() {
			return reflect.Value{}
		}
		inner = inner.Elem()
	}
	return inner
}

// pointers guards every atomic.Pointer of the generic sync/atomic source,
// which can hold no mutex of its own (see generic/sync/atomic).
var pointers sync.Mutex

// LockPointers locks the mutex of every atomic.Pointer.
func LockPointers() { pointers.Lock() }

// UnlockPointers unlocks it.
func UnlockPointers() { pointers.Unlock() }
