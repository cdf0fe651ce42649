// Package cmp is the generic part of the standard package cmp, written for
// the yaegi interpreter (see package stdlib, generic.go, for the rules this
// source follows and how it is loaded).
//
// yaegi compiles its own copy of cmp at start-up; this one is compiled over
// it, in the same package scope: a name declared here replaces yaegi's.
package cmp

// Ordered is the constraint of the types that support < <= >= >.
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 |
		~string
}

// Less reports whether x is less than y. A NaN is less than any number,
// and equal to another NaN.
func Less[T Ordered](x T, y T) bool {
	return (x != x && y == y) || x < y
}

// Compare returns -1, 0 or +1 as x is less than, equal to or greater than
// y, with NaN less than any number and equal to NaN.
func Compare[T Ordered](x T, y T) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN || x < y:
		return -1
	case yNaN || x > y:
		return +1
	}
	return 0
}

// Or returns the first of its arguments that is not the zero value, or the
// zero value.
//
// yaegi v0.16.1 infers no type argument from a variadic parameter
// (`func Or[T comparable](vals ...T)` called as Or(0, 3) fails with
// "undefined type for T"), so the first value is a parameter of its own.
// Differs from Go: Or needs at least one argument, and Or(vals...) with a
// slice does not compile ("not enough arguments"); write Or(vals[0],
// vals[1:]...).
func Or[T comparable](first T, rest ...T) T {
	var zero T
	if first != zero {
		return first
	}
	for _, v := range rest {
		if v != zero {
			return v
		}
	}
	return zero
}
