// Package sync is the generic part of the standard package sync, written
// for the yaegi interpreter (see package stdlib, generic.go, for the rules
// this source follows and how it is loaded).
//
// sync is a compiled package in yaegi, and a source package of the same
// name hides it entirely; stdlib.Load compiles this file together with
// aliases of every compiled member (Mutex, WaitGroup, Once, OnceFunc, ...),
// taken from the interpreter when Load runs, so the engine's own WaitGroup
// stays the one cells use.
package sync

import gosync "sync"

// OnceValue returns a function that calls f the first time it is called
// and returns f's result then and every time after. If f panics, every
// call panics with the same value. The function may be called from several
// goroutines at once.
func OnceValue[T any](f func() T) func() T {
	var (
		once     gosync.Once
		result   T
		panicked bool
		pv       any
	)
	return func() T {
		once.Do(func() {
			defer func() {
				if r := recover(); r != nil {
					// Two assignments: yaegi v0.16.1 fails to assign a
					// recovered value in a tuple assignment ("reflect.Set:
					// value of type interface {} is not assignable to
					// type interp.valueInterface").
					panicked = true
					pv = r
				}
			}()
			result = f()
		})
		if panicked {
			panic(pv)
		}
		return result
	}
}

// OnceValues is OnceValue for a function with two results.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once     gosync.Once
		r1       T1
		r2       T2
		panicked bool
		pv       any
	)
	return func() (T1, T2) {
		once.Do(func() {
			defer func() {
				if r := recover(); r != nil {
					// Two assignments: yaegi v0.16.1 fails to assign a
					// recovered value in a tuple assignment ("reflect.Set:
					// value of type interface {} is not assignable to
					// type interp.valueInterface").
					panicked = true
					pv = r
				}
			}()
			r1, r2 = f()
		})
		if panicked {
			panic(pv)
		}
		return r1, r2
	}
}
