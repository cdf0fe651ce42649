package engine

// What the front-end's rangefunc pass calls (frontend/pass_rangefunc.go):
// the run-time checks of a range over a function, and the calls deferred in
// such a loop's body, which belong to the enclosing function.

import "fmt"

// rangeErr is a misbehaving iterator's run-time error, a runtime.Error with
// the Go runtime's words (runtime/panic.go).
type rangeErr string

func (e rangeErr) Error() string { return "runtime error: " + string(e) }
func (rangeErr) RuntimeError()   {}

// The loop states, as the Go compiler numbers them (internal/abi).
const (
	rangeDone         = 0 // the body returned false: break, return, a branch out
	rangePanic        = 2 // the body is running, or panicked
	rangeExhausted    = 3 // the iterator function returned
	rangeMissingPanic = 4 // the iterator recovered the body's panic and returned
)

// rangeError panics with the error for state: the iterator called the loop
// body in that state (or, for rangeMissingPanic, returned after recovering
// the body's panic).
func rangeError(state int) {
	switch state {
	case rangeDone:
		panic(rangeErr("range function continued iteration after function for loop body returned false"))
	case rangePanic:
		panic(rangeErr("range function continued iteration after loop body panic"))
	case rangeExhausted:
		panic(rangeErr("range function continued iteration after whole loop exit"))
	case rangeMissingPanic:
		panic(rangeErr("range function recovered a loop body panic and did not resume panicking"))
	}
	panic(fmt.Sprintf("range function: unexpected state %d", state))
}

// runDefers runs the calls a range-over-func loop body deferred, last first,
// as the enclosing function's own deferred calls run: each one even if a
// later one panicked. Compiled, because interpreted defers in a loop call
// the last iteration's function value (yaegi v0.16.1).
func runDefers(fs *[]func()) {
	for _, f := range *fs {
		defer f()
	}
}
