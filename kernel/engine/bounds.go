package engine

// The bounds checks the front-end's bounds pass calls (frontend/
// pass_bounds.go): a[i] becomes a[_gkrt.Index(i, len(a), line)], and a
// failed check panics with Go's runtime error (package
// engine/runtime: %T is runtime.boundsError, as in Go) instead of the
// string reflect panics with.
//
// yaegi behaviour answered: it indexes and slices through package reflect,
// whose panics ("reflect: slice index out of range") carry neither the
// index nor the length Go's message gives.

import (
	"sync"

	goruntime "github.com/gokernel/gokernel/kernel/engine/runtime"
	"github.com/gokernel/gokernel/kernel/frontend"
)

// boundsSymbols are the checks, under the names package frontend declares.
func boundsSymbols() map[frontend.RuntimeFunc]any {
	return map[frontend.RuntimeFunc]any{
		frontend.RTIndex:  checkIndex,
		frontend.RTIndexU: checkIndexU,
		frontend.RTSlice:  checkSlice,
		frontend.RTSlice3: checkSlice3,
	}
}

func checkIndex(i, n, line int) int {
	if uint(i) >= uint(n) {
		boundsPanic(goruntime.New(goruntime.Index, int64(i), n, true), line)
	}
	return i
}

func checkIndexU(i, n, line int) int {
	if uint(i) >= uint(n) {
		boundsPanic(goruntime.New(goruntime.Index, int64(i), n, false), line)
	}
	return i
}

// within reports whether bound v (its bits, unsigned when u) is in
// [0, limit].
func within(v int, u bool, limit int) bool {
	if u {
		return uint64(v) <= uint64(limit)
	}
	return v >= 0 && v <= limit
}

// checkSlice checks a[lo:hi] as Go does: hi against n (a's capacity, or its
// length for a string or an array), then lo against hi.
func checkSlice(lo, hi, n, flags, line int) int {
	lu, hu := flags&frontend.BoundsLoUnsigned != 0, flags&frontend.BoundsHiUnsigned != 0
	switch {
	case !within(hi, hu, n):
		code := goruntime.SliceAcap
		if flags&frontend.BoundsLen != 0 {
			code = goruntime.SliceAlen
		}
		boundsPanic(goruntime.New(code, int64(hi), n, !hu), line)
	case !within(lo, lu, hi):
		boundsPanic(goruntime.New(goruntime.SliceB, int64(lo), hi, !lu), line)
	}
	if flags&frontend.BoundsRetLo != 0 {
		return lo
	}
	return hi
}

// checkSlice3 checks a[lo:hi:max] as Go does: max against n, hi against
// max, lo against hi.
func checkSlice3(lo, hi, max, n, flags, line int) int {
	lu, hu, mu := flags&frontend.BoundsLoUnsigned != 0, flags&frontend.BoundsHiUnsigned != 0, flags&frontend.BoundsMaxUnsigned != 0
	switch {
	case !within(max, mu, n):
		code := goruntime.Slice3Acap
		if flags&frontend.BoundsLen != 0 {
			code = goruntime.Slice3Alen
		}
		boundsPanic(goruntime.New(code, int64(max), n, !mu), line)
	case !within(hi, hu, max):
		boundsPanic(goruntime.New(goruntime.Slice3B, int64(hi), max, !hu), line)
	case !within(lo, lu, hi):
		boundsPanic(goruntime.New(goruntime.Slice3C, int64(lo), hi, !lu), line)
	}
	switch {
	case flags&frontend.BoundsRetLo != 0:
		return lo
	case flags&frontend.BoundsRetHi != 0:
		return hi
	}
	return max
}

// boundsLines is, per goroutine, the cell line of its last failed check and
// the message, for the panic's trace (tracer.Stack): the site table alone
// names the last index of the function when it has several.
var boundsLines sync.Map // goroutine id -> boundsLine

type boundsLine struct {
	line int
	msg  string
}

func boundsPanic(err error, line int) {
	boundsLines.Store(goid(), boundsLine{line, err.Error()})
	panic(err)
}

// boundsLineFor takes the line goroutine id's last failed check recorded
// for a panic with message msg; 0 if none.
func boundsLineFor(id int64, msg string) int {
	v, ok := boundsLines.LoadAndDelete(id)
	if !ok || v.(boundsLine).msg != msg {
		return 0
	}
	return v.(boundsLine).line
}
