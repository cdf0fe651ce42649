// Package errors is the generic part of the standard package errors,
// written for the yaegi interpreter (see package stdlib, generic.go, for
// the rules this source follows and how it is loaded).
//
// errors is a compiled package in yaegi, and a source package of the same
// name hides it entirely; stdlib.Load compiles this file together with
// aliases of every compiled member (New, Is, As, Join, Unwrap,
// ErrUnsupported), taken from the interpreter when Load runs, so the
// engine's own errors.As stays the one cells call.
package errors

import "github.com/gokernel/gokernel/kernel/stdlib/internal/native"

// AsType finds the first error in err's tree that has type E and returns
// it and true, or E's zero value and false. The tree is err, then what
// Unwrap() error or Unwrap() []error return, depth first. An error matches
// when err.(E) holds, or when it has a method As(any) bool that returns
// true for a *E (the method sets the *E).
//
// Called as in Go, with the type: errors.AsType[*NotFoundError](err).
//
// The tree is walked by compiled code (native.As): under yaegi v0.16.1,
// interpreted code cannot assert an error to an interface with Unwrap.
// Differs from Go, as errors.As, errors.Is and errors.Unwrap do in the
// interpreter: the Unwrap and As methods of an interpreted error type are
// not seen (a wrapper type of the student's own is not looked through);
// fmt.Errorf's %w and errors.Join are.
func AsType[E error](err error) (E, bool) {
	if e, ok := err.(E); ok {
		return e, true
	}
	var e E
	if err != nil && native.As(err, &e) {
		return e, true
	}
	var zero E
	return zero, false
}
