// Package strings is the iterator part of the standard package strings,
// for the yaegi interpreter (see package stdlib, generic.go, for the rules
// this source follows and how it is loaded).
//
// The compiled strings.Lines, SplitSeq, SplitAfterSeq, FieldsSeq and
// FieldsFuncSeq work when called with a yield func, but their result type,
// the compiled iter.Seq[string], is opaque to yaegi v0.16.1's type
// inference: slices.Collect(strings.SplitSeq(s, ",")) fails with
// "undefined type for E". These wrappers return the same iterators as the
// plain func type, which the generic functions infer from. strings is a
// compiled package in yaegi, and this source package hides it: stdlib.Load
// compiles it with a dot-import of the compiled package, so every other
// member (Builder, ToUpper, ...) is the compiled one.
//
// Differs from Go: %T of the iterators prints func(func(string) bool), not
// iter.Seq[string].
package strings

import gostrings "strings"

// Lines returns an iterator over the newline-terminated lines of s (the
// last one may lack its newline).
func Lines(s string) func(yield func(string) bool) {
	return gostrings.Lines(s)
}

// SplitSeq returns an iterator over the substrings of s separated by sep.
func SplitSeq(s string, sep string) func(yield func(string) bool) {
	return gostrings.SplitSeq(s, sep)
}

// SplitAfterSeq returns an iterator over the substrings of s split after
// each sep.
func SplitAfterSeq(s string, sep string) func(yield func(string) bool) {
	return gostrings.SplitAfterSeq(s, sep)
}

// FieldsSeq returns an iterator over the substrings of s around runs of
// white space.
func FieldsSeq(s string) func(yield func(string) bool) {
	return gostrings.FieldsSeq(s)
}

// FieldsFuncSeq returns an iterator over the substrings of s around runs
// of runes for which f is true.
func FieldsFuncSeq(s string, f func(rune) bool) func(yield func(string) bool) {
	return gostrings.FieldsFuncSeq(s, f)
}
