package main

import (
	"fmt"
	"iter"
	"slices"
)

func Zip[A, B any](as []A, bs []B) [][2]string {
	nextA, stopA := iter.Pull(slices.Values(as))
	defer stopA()
	nextB, stopB := iter.Pull(slices.Values(bs))
	defer stopB()
	var out [][2]string
	for {
		a, okA := nextA()
		b, okB := nextB()
		if !okA || !okB {
			return out
		}
		out = append(out, [2]string{fmt.Sprint(a), fmt.Sprint(b)})
	}
}

func main() {
	fmt.Println(Zip([]string{"a", "b", "c"}, []int{1, 2}))

	next, stop := iter.Pull2(slices.All([]string{"x", "y"}))
	defer stop()
	for {
		i, v, ok := next()
		if !ok {
			break
		}
		fmt.Println(i, v)
	}
}
