package main

import (
	"fmt"
	"strings"
)

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, acc A, f func(A, T) A) A {
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func main() {
	words := []string{"go", "gopher", "rust", "gc", "zig"}
	gs := Filter(words, func(w string) bool { return strings.HasPrefix(w, "g") })
	fmt.Println(gs)

	total := Reduce(words, 0, func(n int, w string) int { return n + len(w) })
	fmt.Println("letters:", total)

	joined := Reduce(gs, "", func(s string, w string) string { return s + "[" + w + "]" })
	fmt.Println(joined)
}
