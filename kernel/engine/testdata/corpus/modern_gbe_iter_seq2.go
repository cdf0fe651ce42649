// iter.Seq2: iterators of pairs, from the slices and maps packages and our own.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Enumerate[T any](s []T) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

func main() {
	names := []string{"ann", "ben", "cy"}
	for i, n := range Enumerate(names) {
		fmt.Println(i, strings.ToUpper(n))
	}
	for i, n := range slices.Backward(names) {
		fmt.Println("back", i, n)
	}
	for i, n := range slices.All(names) {
		if i == 2 {
			break
		}
		fmt.Println("all", i, n)
	}

	colors := map[string]string{"red": "#f00", "green": "#0f0", "blue": "#00f"}
	keys := slices.Sorted(maps.Keys(colors))
	for _, k := range keys {
		fmt.Println(k, colors[k])
	}

	inverted := maps.Collect(func(yield func(string, string) bool) {
		for k, v := range maps.All(colors) {
			if !yield(v, k) {
				return
			}
		}
	})
	fmt.Println(inverted)

	idx := slices.Collect(maps.Values(map[int]int{1: 10}))
	fmt.Println(idx)
}
