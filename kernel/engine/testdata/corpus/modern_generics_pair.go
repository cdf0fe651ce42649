package main

import (
	"cmp"
	"fmt"
	"slices"
)

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func SortedPairs[K cmp.Ordered, V any](m map[K]V) []Pair[K, V] {
	out := make([]Pair[K, V], 0, len(m))
	for k, v := range m {
		out = append(out, Pair[K, V]{k, v})
	}
	slices.SortFunc(out, func(a, b Pair[K, V]) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

func main() {
	ages := map[string]int{"carol": 41, "ann": 29, "bob": 35}
	for _, p := range SortedPairs(ages) {
		fmt.Println(p.Key, p.Val)
	}
	fmt.Println(len(SortedPairs(map[int]bool{})))
}
