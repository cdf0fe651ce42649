// Package slices is the generic standard package slices, written for the
// yaegi interpreter (see package stdlib, generic.go, for the rules this
// source follows and how it is loaded).
//
// yaegi compiles its own copy of slices (Go 1.22's) at start-up; most of its
// functions fail when called (`slices.Reverse(s)`: "undefined type for E").
// This source is compiled over it, in the same package scope: every name
// declared here replaces yaegi's.
//
// The one deviation that runs through the package: Go declares
// `func Clone[S ~[]E, E any](s S) S`; yaegi v0.16.1 infers no type argument
// that only appears in another one's constraint (E above), so here it is
// `func Clone[E any](s []E) []E`. What a student sees differ:
//
//   - a function that returns a slice returns []E, not the named slice type
//     of its argument: with `type Path []Point`, `p2 := slices.Clone(p)`
//     has type []Point, so p2's methods are missing (`var p2 Path =
//     slices.Clone(p)` works, as in Go);
//   - explicit instantiation takes the element type:
//     slices.Sort[int](s), where Go writes slices.Sort[[]int](s).
//
// The iterator functions take and return plain func types
// (func(yield func(E) bool)), not iter.Seq[E]: they are the same type
// underneath, assignable both ways, and a plain func type lets yaegi infer
// E from an argument that is a func literal or a user's iter.Seq alike.
package slices

// ordered is cmp.Ordered. This source cannot import cmp: yaegi's own slices
// source already imports it in this package scope, and a second import of
// a package yaegi knows as compiled fails ("cmp/_.go redeclared in this
// block").
type ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 |
		~string
}

// compare is cmp.Compare: NaN is less than any number and equal to NaN.
func compare[E ordered](x E, y E) int {
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

// less is cmp.Less.
func less[E ordered](x E, y E) bool {
	return (x != x && y == y) || x < y
}

// Equal reports whether s1 and s2 have the same length and equal elements
// (NaN elements are not equal).
func Equal[E comparable](s1 []E, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc reports whether s1 and s2 have the same length and eq holds for
// each pair of elements, tried in order until one fails.
func EqualFunc[E1 any, E2 any](s1 []E1, s2 []E2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if !eq(s1[i], s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares s1 and s2 element by element with cmp.Compare; when one
// is a prefix of the other, the shorter is less.
func Compare[E ordered](s1 []E, s2 []E) int {
	for i := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := compare(s1[i], s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// CompareFunc is Compare with cmp deciding each pair of elements.
func CompareFunc[E1 any, E2 any](s1 []E1, s2 []E2, cmp func(E1, E2) int) int {
	for i := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp(s1[i], s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// Index returns the index of the first element equal to v, or -1.
func Index[E comparable](s []E, v E) int {
	for i := range s {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// IndexFunc returns the index of the first element for which f is true,
// or -1.
func IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is in s.
func Contains[E comparable](s []E, v E) bool {
	return Index(s, v) >= 0
}

// ContainsFunc reports whether f is true for some element of s.
func ContainsFunc[E any](s []E, f func(E) bool) bool {
	return IndexFunc(s, f) >= 0
}

// Insert inserts v at index i of s and returns the result; it panics if
// i > len(s). When s has the capacity, the result shares s's array (s's
// elements from i on move up); otherwise it is a new array, grown as
// append grows one.
func Insert[E any](s []E, i int, v ...E) []E {
	_ = s[i:] // the bounds check, with the runtime's message
	n, m := len(s), len(v)
	if m == 0 {
		return s
	}
	if n+m > cap(s) {
		r := append(s[:i], make([]E, n+m-i)...)
		copy(r[i:], v)
		copy(r[i+m:], s[i:])
		return r
	}
	v = append([]E(nil), v...) // v may be part of s's array
	r := s[:n+m]
	copy(r[i+m:], s[i:n])
	copy(r[i:], v)
	return r
}

// zero sets s's elements to E's zero value (the clear builtin, which yaegi
// v0.16.1 lacks).
func zero[E any](s []E) {
	var z E
	for i := range s {
		s[i] = z
	}
}

// Delete removes s[i:j] and returns the result, which shares s's array;
// the len(s)-(j-i)... elements left over at the end of s are zeroed. It
// panics if s[i:j] is not a valid slice of s.
func Delete[E any](s []E, i int, j int) []E {
	_ = s[i:j:len(s)] // the bounds check, with the runtime's message
	if i == j {
		return s
	}
	n := len(s)
	r := append(s[:i], s[j:]...)
	zero(s[len(r):n])
	return r
}

// DeleteFunc removes the elements for which del is true (called once per
// element, in order) and returns the result; the elements left over at the
// end of s are zeroed.
func DeleteFunc[E any](s []E, del func(E) bool) []E {
	k := 0
	for i := range s {
		if !del(s[i]) {
			s[k] = s[i]
			k++
		}
	}
	zero(s[k:])
	return s[:k]
}

// Replace replaces s[i:j] with v and returns the result; elements left
// over at the end of s are zeroed. It panics if s[i:j] is not a valid slice
// of s.
func Replace[E any](s []E, i int, j int, v ...E) []E {
	_ = s[i:j] // the bounds check, with the runtime's message
	if i == j {
		return Insert(s, i, v...)
	}
	n, m := len(s), len(v)
	total := i + m + (n - j)
	if total > cap(s) {
		r := append(s[:i], make([]E, total-i)...)
		copy(r[i:], v)
		copy(r[i+m:], s[j:])
		return r
	}
	v = append([]E(nil), v...) // v may be part of s's array
	r := s[:total]
	copy(r[i+m:], s[j:n])
	copy(r[i:], v)
	if total < n {
		zero(s[total:n])
	}
	return r
}

// Clone returns a shallow copy of s (nil for nil), in a new array.
func Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append([]E{}, s...)
}

// Compact replaces each run of equal elements by its first and returns the
// result, which shares s's array; the elements left over at the end of s
// are zeroed.
func Compact[E comparable](s []E) []E {
	if len(s) < 2 {
		return s
	}
	k := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[i-1] {
			s[k] = s[i]
			k++
		}
	}
	zero(s[k:])
	return s[:k]
}

// CompactFunc is Compact with eq(current, previous) deciding which
// neighbours are equal; it keeps the first of each run.
func CompactFunc[E any](s []E, eq func(E, E) bool) []E {
	if len(s) < 2 {
		return s
	}
	k := 1
	for i := 1; i < len(s); i++ {
		if !eq(s[i], s[i-1]) {
			s[k] = s[i]
			k++
		}
	}
	zero(s[k:])
	return s[:k]
}

// Grow returns s with room for n more elements without another
// allocation; it panics if n is negative.
func Grow[E any](s []E, n int) []E {
	if n < 0 {
		panic("cannot be negative")
	}
	if need := n - (cap(s) - len(s)); need > 0 {
		s = append(s[:cap(s)], make([]E, need)...)[:len(s)]
	}
	return s
}

// Clip removes s's unused capacity.
func Clip[E any](s []E) []E {
	return s[:len(s):len(s)]
}

// Reverse reverses s in place.
func Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Concat returns the slices joined in a new slice (nil when they are all
// empty).
//
// yaegi v0.16.1 infers no type argument from a variadic parameter alone
// (`Concat(a, b)` fails with "undefined type for E"), so the first slice
// is a parameter of its own. Differs from Go: Concat() with no argument and
// Concat(parts...) do not compile; write Concat(parts[0], parts[1:]...).
func Concat[E any](first []E, rest ...[]E) []E {
	size := len(first)
	for _, s := range rest {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	r := Grow([]E(nil), size)
	r = append(r, first...)
	for _, s := range rest {
		r = append(r, s...)
	}
	return r
}

// Repeat returns a new slice holding count copies of x; it panics if count
// is negative or the length overflows.
func Repeat[E any](x []E, count int) []E {
	if count < 0 {
		panic("cannot be negative")
	}
	const maxInt = int(^uint(0) >> 1)
	if len(x) > 0 && count > maxInt/len(x) {
		panic("the result of (len(x) * count) overflows")
	}
	r := make([]E, len(x)*count)
	n := copy(r, x)
	for n < len(r) {
		n += copy(r[n:], r[:n])
	}
	return r
}
