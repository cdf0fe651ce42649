package slices

import "github.com/gokernel/gokernel/kernel/stdlib/internal/native"

// Sorting.
//
// Go sorts with pdqsort, which is not stable, but uses insertion sort, which
// is, for up to 12 elements: with 12 elements or fewer, SortFunc here gives
// exactly Go's order, also for elements cmp finds equal. Above that both
// are correct sorts, and elements cmp finds equal may come out in another
// order than Go's (this SortFunc is stable, Go's does not promise either).
// Sort of ints, floats or strings: equal elements are indistinguishable
// (but for -0 and +0), so no difference shows.

const insertionMax = 12

// insertionSort sorts s stably by cmp.
func insertionSort[E any](s []E, cmp func(E, E) int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && cmp(s[j], s[j-1]) < 0; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// sortFunc sorts s stably by cmp: insertion sort of runs of insertionMax
// elements, then merges of neighbouring runs of doubling width, bottom up
// (yaegi v0.16.1 mishandles a generic function that calls itself).
func sortFunc[E any](s []E, cmp func(E, E) int) {
	n := len(s)
	for lo := 0; lo < n; lo += insertionMax {
		hi := lo + insertionMax
		if hi > n {
			hi = n
		}
		insertionSort(s[lo:hi], cmp)
	}
	if n <= insertionMax {
		return
	}
	buf := make([]E, n) // the left run of the last merge can be most of s
	for width := insertionMax; width < n; width *= 2 {
		for lo := 0; lo+width < n; lo += 2 * width {
			hi := lo + 2*width
			if hi > n {
				hi = n
			}
			merge(s[lo:hi], width, buf, cmp)
		}
	}
}

// merge merges the sorted s[:mid] and s[mid:] stably, with buf (at least
// mid long) as scratch space.
func merge[E any](s []E, mid int, buf []E, cmp func(E, E) int) {
	if cmp(s[mid], s[mid-1]) >= 0 {
		return // already in order
	}
	left := buf[:mid]
	copy(left, s[:mid])
	i, j, k := 0, mid, 0
	for i < len(left) && j < len(s) {
		if cmp(s[j], left[i]) < 0 {
			s[k] = s[j]
			j++
		} else {
			s[k] = left[i]
			i++
		}
		k++
	}
	copy(s[k:], left[i:])
}

// Sort sorts s in increasing order (cmp.Less: NaNs first). A slice of
// integers, floats or strings, of whatever named type, is sorted by
// compiled code (package native); interpreted, 20 000 ints take seconds.
func Sort[E ordered](s []E) {
	if !native.Sort(s) {
		// A closure, not compare[E]: yaegi v0.16.1 gives an instantiated
		// generic func value its generic type ("cannot use type
		// func(slices.E,slices.E) int as type func(int,int) int").
		sortFunc(s, func(a E, b E) int { return compare(a, b) })
	}
}

// SortFunc sorts s in the order cmp defines: cmp(a, b) is negative when a
// comes before b, positive when after, zero when either will do.
func SortFunc[E any](s []E, cmp func(a E, b E) int) {
	sortFunc(s, cmp)
}

// SortStableFunc is SortFunc keeping equal elements in their original
// order.
func SortStableFunc[E any](s []E, cmp func(a E, b E) int) {
	sortFunc(s, cmp)
}

// IsSorted reports whether s is in increasing order.
func IsSorted[E ordered](s []E) bool {
	for i := len(s) - 1; i > 0; i-- {
		if less(s[i], s[i-1]) {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether s is in the order cmp defines.
func IsSortedFunc[E any](s []E, cmp func(a E, b E) int) bool {
	for i := len(s) - 1; i > 0; i-- {
		if cmp(s[i], s[i-1]) < 0 {
			return false
		}
	}
	return true
}

// Min returns the least element of s; it panics if s is empty. A NaN in s
// makes the result NaN.
func Min[E ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Min: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if v != v {
			return v
		}
		if v < m {
			m = v
		}
	}
	return m
}

// Max returns the greatest element of s; it panics if s is empty. A NaN in
// s makes the result NaN.
func Max[E ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Max: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if v != v {
			return v
		}
		if v > m {
			m = v
		}
	}
	return m
}

// MinFunc returns the first least element of s by cmp; it panics if s is
// empty.
func MinFunc[E any](s []E, cmp func(a E, b E) int) E {
	if len(s) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if cmp(v, m) < 0 {
			m = v
		}
	}
	return m
}

// MaxFunc returns the first greatest element of s by cmp; it panics if s
// is empty.
func MaxFunc[E any](s []E, cmp func(a E, b E) int) E {
	if len(s) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if cmp(v, m) > 0 {
			m = v
		}
	}
	return m
}

// BinarySearch looks for target in s, sorted in increasing order, and
// returns the position where it is or would be inserted, and whether it is
// there.
func BinarySearch[E ordered](s []E, target E) (int, bool) {
	lo, hi := 0, len(s)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if less(s[h], target) {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo, lo < len(s) && (s[lo] == target || (s[lo] != s[lo] && target != target))
}

// BinarySearchFunc is BinarySearch in s sorted by cmp, where cmp(e, target)
// tells whether element e comes before (negative), at (zero) or after
// (positive) the target.
func BinarySearchFunc[E any, T any](s []E, target T, cmp func(E, T) int) (int, bool) {
	lo, hi := 0, len(s)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if cmp(s[h], target) < 0 {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo, lo < len(s) && cmp(s[lo], target) == 0
}
