// Package maps is the generic standard package maps, written for the yaegi
// interpreter (see package stdlib, generic.go, for the rules this source
// follows and how it is loaded).
//
// yaegi compiles its own copy of maps (Go 1.22's) at start-up; its
// functions fail when called (`maps.Clone(m)`: "undefined type for K").
// This source is compiled over it, in the same package scope: every name
// declared here replaces yaegi's.
//
// As in package slices, Go's `M ~map[K]V` type parameters are gone (yaegi
// v0.16.1 cannot infer K and V from M): the functions take map[K]V, and
// Clone returns map[K]V, not the named map type of its argument. The
// iterators are plain func types, the same as iter.Seq[K] and
// iter.Seq2[K, V] underneath.
package maps

// Equal reports whether m1 and m2 hold the same keys with equal values.
func Equal[K comparable, V comparable](m1 map[K]V, m2 map[K]V) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		if v2, ok := m2[k]; !ok || v1 != v2 {
			return false
		}
	}
	return true
}

// EqualFunc is Equal with eq deciding whether two values are equal.
//
// yaegi v0.16.1 infers type arguments by position, from the parameters'
// types read left to right (map[K]V1, map[K]V2, ... gives K, V1, K, V2),
// not by name: with Go's [K, V1, V2] it takes K for V2. Hence the extra K2,
// which the call infers as the same type as K. Differs from Go: a
// mismatched key type compiles and panics at the first lookup, and explicit
// instantiation reads EqualFunc[K, V1, K, V2].
func EqualFunc[K comparable, V1 any, K2 comparable, V2 any](m1 map[K]V1, m2 map[K2]V2, eq func(V1, V2) bool) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		if v2, ok := m2[any(k).(K2)]; !ok || !eq(v1, v2) {
			return false
		}
	}
	return true
}

// Clone returns a shallow copy of m (nil for nil).
func Clone[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	r := make(map[K]V, len(m))
	for k, v := range m {
		r[k] = v
	}
	return r
}

// Copy sets every key of src in dst to its value in src.
func Copy[K comparable, V any](dst map[K]V, src map[K]V) {
	for k, v := range src {
		dst[k] = v
	}
}

// DeleteFunc deletes the entries of m for which del is true.
func DeleteFunc[K comparable, V any](m map[K]V, del func(K, V) bool) {
	for k, v := range m {
		if del(k, v) {
			delete(m, k)
		}
	}
}

// All returns an iterator over m's keys and values, in no set order.
func All[K comparable, V any](m map[K]V) func(yield func(K, V) bool) {
	return func(yield func(K, V) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}

// Keys returns an iterator over m's keys, in no set order.
func Keys[K comparable, V any](m map[K]V) func(yield func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Values returns an iterator over m's values, in no set order.
func Values[K comparable, V any](m map[K]V) func(yield func(V) bool) {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// Insert adds the key-value pairs of seq to m, overwriting existing keys.
func Insert[K comparable, V any](m map[K]V, seq func(yield func(K, V) bool)) {
	seq(func(k K, v V) bool {
		m[k] = v
		return true
	})
}

// Collect returns a new map of the key-value pairs of seq.
func Collect[K comparable, V any](seq func(yield func(K, V) bool)) map[K]V {
	m := make(map[K]V)
	Insert(m, seq)
	return m
}
