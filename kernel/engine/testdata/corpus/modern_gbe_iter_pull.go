// iter.Pull turns a push iterator into next/stop functions: here it zips two
// sequences of different lengths.
package main

import (
	"fmt"
	"iter"
	"slices"
)

func countTo(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 1; i <= n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func zip[A, B any](as iter.Seq[A], bs iter.Seq[B]) iter.Seq2[A, B] {
	return func(yield func(A, B) bool) {
		nextA, stopA := iter.Pull(as)
		defer stopA()
		nextB, stopB := iter.Pull(bs)
		defer stopB()
		for {
			a, okA := nextA()
			b, okB := nextB()
			if !okA || !okB {
				return
			}
			if !yield(a, b) {
				return
			}
		}
	}
}

func main() {
	next, stop := iter.Pull(countTo(3))
	for {
		v, ok := next()
		if !ok {
			break
		}
		fmt.Println("pulled", v)
	}
	stop()
	v, ok := next()
	fmt.Println("after the end:", v, ok)

	letters := slices.Values([]string{"a", "b", "c", "d"})
	for n, l := range zip(countTo(3), letters) {
		fmt.Println(n, l)
	}
}
