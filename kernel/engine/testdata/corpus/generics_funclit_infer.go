package main

// Type arguments inferred from func literal arguments.

import (
	"fmt"
	"strconv"
	"strings"
)

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T {
	m := map[K][]T{}
	for _, x := range xs {
		k := key(x)
		m[k] = append(m[k], x)
	}
	return m
}

func main() {
	nums := []int{1, 2, 3, 4, 5}
	fmt.Println(Map(nums, func(i int) string { return strconv.Itoa(i * i) }))
	fmt.Println(Map(Map(nums, func(i int) float64 { return float64(i) / 2 }), func(f float64) bool { return f > 1 }))
	fmt.Println(Reduce(nums, "", func(acc string, i int) string { return acc + strconv.Itoa(i) }))
	fmt.Println(Reduce(nums, 0.5, func(acc float64, i int) float64 { return acc + float64(i) }))
	words := []string{"apple", "avocado", "banana", "blueberry", "cherry"}
	groups := GroupBy(words, func(w string) byte { return w[0] })
	for _, k := range []byte("abc") {
		fmt.Println(string(k), strings.Join(groups[k], ","))
	}
}
