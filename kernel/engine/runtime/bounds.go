// Package runtime holds the kernel's value for an index or slice bounds
// panic, made to print as Go's own does: its package is named runtime and
// its type boundsError, with the fields of the Go runtime's, so that a
// recovered r prints "runtime.boundsError" under %T, Go's message under %v,
// and `runtime.boundsError{x:5, y:3, signed:true, code:0x0}` under %#v; and
// it is a runtime.Error (it has RuntimeError). The engine's bounds checks
// (engine/bounds.go, called by the front-end's bounds pass) panic with it.
//
// yaegi behaviour answered: yaegi indexes and slices with package reflect,
// which panics with a string in its own words ("reflect: slice index out
// of range") that carries neither the index nor the length.
package runtime

import "strconv"

// Code is which bound failed, numbered as Go numbers them (its %#v shows).
type Code = boundsErrorCode

type boundsErrorCode uint8

// The codes, in Go's order.
const (
	Index      boundsErrorCode = iota // a[x], x not in [0:y] (y is len)
	SliceAlen                         // a[:x], x > y = len
	SliceAcap                         // a[:x], x > y = cap
	SliceB                            // a[x:y], x > y
	Slice3Alen                        // a[::x], x > y = len
	Slice3Acap                        // a[::x], x > y = cap
	Slice3B                           // a[:x:y], x > y
	Slice3C                           // a[x:y:], x > y
)

// boundsError is one failed check: x the bound at fault (as int64; when
// signed is false it holds an unsigned value's bits), y what it was checked
// against.
type boundsError struct {
	x      int64
	y      int
	signed bool
	code   boundsErrorCode
}

// New is the panic value for a failed check.
func New(code Code, x int64, y int, signed bool) error {
	return boundsError{x: x, y: y, signed: signed, code: code}
}

// RuntimeError makes boundsError a runtime.Error.
func (boundsError) RuntimeError() {}

// Error is Go's message (runtime/error.go), with the values.
func (e boundsError) Error() string {
	x := strconv.FormatUint(uint64(e.x), 10)
	neg := e.signed && e.x < 0
	if e.signed {
		x = strconv.FormatInt(e.x, 10)
	}
	y := strconv.Itoa(e.y)
	var m string
	switch e.code {
	case Index:
		m = "index out of range [" + x + "]"
		if !neg {
			m += " with length " + y
		}
	case SliceAlen, SliceAcap:
		m = "slice bounds out of range [:" + x + "]"
		if !neg {
			m += with(e.code == SliceAlen) + y
		}
	case SliceB:
		if neg {
			m = "slice bounds out of range [" + x + ":]"
		} else {
			m = "slice bounds out of range [" + x + ":" + y + "]"
		}
	case Slice3Alen, Slice3Acap:
		m = "slice bounds out of range [::" + x + "]"
		if !neg {
			m += with(e.code == Slice3Alen) + y
		}
	case Slice3B:
		if neg {
			m = "slice bounds out of range [:" + x + ":]"
		} else {
			m = "slice bounds out of range [:" + x + ":" + y + "]"
		}
	case Slice3C:
		if neg {
			m = "slice bounds out of range [" + x + "::]"
		} else {
			m = "slice bounds out of range [" + x + ":" + y + ":]"
		}
	}
	return "runtime error: " + m
}

// with names what y is.
func with(length bool) string {
	if length {
		return " with length "
	}
	return " with capacity "
}
