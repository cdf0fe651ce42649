// Generic functions used as values: instantiated explicitly, inferred from
// the variable or parameter they are assigned to.
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Sum[T int | float64](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func main() {
	var g func([]int, func(int) string) []string = Map
	fmt.Println(g([]int{1, 2}, strconv.Itoa))
	xs := []int{3, 1, 2}
	slices.SortFunc(xs, cmp.Compare[int])
	fmt.Println(xs)
	ys := []string{"b", "a"}
	slices.SortFunc(ys, cmp.Compare)
	fmt.Println(ys)
	s := Sum[float64]
	fmt.Println(s(1, 2.5), fmt.Sprintf("%T", s))
}
