package main

// Range over the generic standard library's iterators (slices.All,
// slices.Backward, maps.Keys, maps.Values) and an iter.Seq of our own, next
// to slices.Collect, slices.Sorted and iter.Pull.

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Evens(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	for i, v := range slices.All([]string{"a", "b"}) {
		fmt.Println(i, v)
	}
	m := map[string]int{"x": 1, "y": 2, "z": 3}
	keys := slices.Sorted(maps.Keys(m))
	for _, k := range keys {
		fmt.Print(k, " ")
	}
	fmt.Println()
	sum := 0
	for v := range maps.Values(m) {
		sum += v
	}
	fmt.Println(sum)
	for e := range Evens(7) {
		fmt.Print(e, " ")
	}
	fmt.Println()
	fmt.Println(slices.Collect(Evens(5)))
	next, stop := iter.Pull(Evens(100))
	a, _ := next()
	b, _ := next()
	stop()
	fmt.Println(a, b)
	for w := range strings.SplitSeq("p q r", " ") {
		fmt.Print(strings.ToUpper(w))
	}
	fmt.Println()
	for i, v := range slices.Backward([]int{1, 2, 3}) {
		if i == 0 {
			break
		}
		fmt.Print(v)
	}
	fmt.Println()
}
