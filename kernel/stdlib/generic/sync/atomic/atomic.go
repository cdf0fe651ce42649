// Package atomic is the generic part of the standard package sync/atomic,
// written for the yaegi interpreter (see package stdlib, generic.go, for
// the rules this source follows and how it is loaded).
//
// sync/atomic is a compiled package in yaegi, and a source package named
// atomic hides it entirely; stdlib.Load compiles this file together with
// aliases of every compiled member (Int64, AddInt32, Value, ...), taken
// from the interpreter when Load runs.
package atomic

import "github.com/gokernel/gokernel/kernel/stdlib/internal/native"

// Go's Pointer is a lock-free compiled type that a generic source cannot
// reach. A mutex gives a program the same guarantees (each operation is
// atomic and orders memory as a sync/atomic operation does). It is one
// mutex for all Pointers, held by compiled code (native.LockPointers),
// because yaegi v0.16.1 allows neither of the other places: a generic
// struct of a source package instantiated from another package cannot have
// a field of a named type (a sync.Mutex field: nil pointer dereference in
// the compiler; a field of a type of this package: "incomplete type
// Pointer[int]"), and a package-level variable of a package compiled after
// the first cell shares its slot with a variable a later cell declares.

// Pointer is an atomic pointer to a T; its zero value is a nil pointer.
type Pointer[T any] struct {
	v *T
}

// Load returns the pointer.
func (x *Pointer[T]) Load() *T {
	native.LockPointers()
	defer native.UnlockPointers()
	return x.v
}

// Store sets the pointer to val.
func (x *Pointer[T]) Store(val *T) {
	native.LockPointers()
	defer native.UnlockPointers()
	x.v = val
}

// Swap sets the pointer to new and returns the one it held.
func (x *Pointer[T]) Swap(new *T) (old *T) {
	native.LockPointers()
	defer native.UnlockPointers()
	old, x.v = x.v, new
	return old
}

// CompareAndSwap sets the pointer to new if it holds old, and reports
// whether it did.
func (x *Pointer[T]) CompareAndSwap(old *T, new *T) (swapped bool) {
	native.LockPointers()
	defer native.UnlockPointers()
	if x.v != old {
		return false
	}
	x.v = new
	return true
}
