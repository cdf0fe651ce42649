// A generic Pair type with a String method, and a function that builds pairs
// from a map in key order.
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

func (p Pair[K, V]) String() string {
	return fmt.Sprintf("(%v: %v)", p.Key, p.Val)
}

func MakePair[K comparable, V any](k K, v V) Pair[K, V] {
	return Pair[K, V]{Key: k, Val: v}
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
	p := MakePair("answer", 42)
	fmt.Println(p)
	fmt.Printf("%v and %s\n", p, p)
	fmt.Println(p.String())

	q := Pair[int, []string]{Key: 1, Val: []string{"a", "b"}}
	fmt.Println(q)

	stock := map[string]int{"pears": 3, "apples": 5, "figs": 0}
	pairs := SortedPairs(stock)
	fmt.Println(pairs)
	for _, pr := range pairs {
		fmt.Println(pr.Key, pr.Val)
	}
}
