package main

// Untyped constant arguments to type parameters with an ordered
// constraint: the standard cmp package and one of our own.

import (
	"cmp"
	"fmt"
	"math"
)

func Clamp[T cmp.Ordered](x, lo, hi T) T {
	return min(max(x, lo), hi)
}

func Largest[T cmp.Ordered](a, b T) T {
	if cmp.Less(a, b) {
		return b
	}
	return a
}

func main() {
	fmt.Println(cmp.Compare(1.5, 2.5), cmp.Compare(3, 3), cmp.Compare("b", "a"))
	fmt.Println(cmp.Less(1, 2), cmp.Less(math.Pi, 3))
	fmt.Println(Clamp(15, 0, 10), Clamp(-2.5, -1, 1))
	fmt.Println(Largest(2, 7), Largest(1e3, 999.5))
	var f float32 = 1.25
	fmt.Println(cmp.Compare(f, 1), Largest(f, 2))
	const big = 1 << 40
	fmt.Println(Largest(big, 3))
}
