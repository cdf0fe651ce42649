// Package bytes is the iterator part of the standard package bytes,
// for the yaegi interpreter (see package stdlib, generic.go, for the rules
// this source follows and how it is loaded).
//
// The compiled bytes.Lines, SplitSeq, SplitAfterSeq, FieldsSeq and
// FieldsFuncSeq work when called with a yield func, but their result type,
// the compiled iter.Seq[[]byte], is opaque to yaegi v0.16.1's type
// inference: slices.Collect(bytes.SplitSeq(b, sep)) fails with
// "undefined type for E". These wrappers return the same iterators as the
// plain func type, which the generic functions infer from. bytes is a
// compiled package in yaegi, and this source package hides it: stdlib.Load
// compiles it with a dot-import of the compiled package, so every other
// member (Buffer, ToUpper, ...) is the compiled one.
//
// Differs from Go: %T of the iterators prints func(func([]uint8) bool), not
// iter.Seq[[]byte].
package bytes

import gobytes "bytes"

// Lines returns an iterator over the newline-terminated lines of s (the
// last one may lack its newline).
func Lines(s []byte) func(yield func([]byte) bool) {
	return gobytes.Lines(s)
}

// SplitSeq returns an iterator over the subslices of s separated by sep.
func SplitSeq(s []byte, sep []byte) func(yield func([]byte) bool) {
	return gobytes.SplitSeq(s, sep)
}

// SplitAfterSeq returns an iterator over the subslices of s split after
// each sep.
func SplitAfterSeq(s []byte, sep []byte) func(yield func([]byte) bool) {
	return gobytes.SplitAfterSeq(s, sep)
}

// FieldsSeq returns an iterator over the subslices of s around runs of
// white space.
func FieldsSeq(s []byte) func(yield func([]byte) bool) {
	return gobytes.FieldsSeq(s)
}

// FieldsFuncSeq returns an iterator over the subslices of s around runs
// of runes for which f is true.
func FieldsFuncSeq(s []byte, f func(rune) bool) func(yield func([]byte) bool) {
	return gobytes.FieldsFuncSeq(s, f)
}
