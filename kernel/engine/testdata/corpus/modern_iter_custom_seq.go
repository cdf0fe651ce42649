package main

import (
	"fmt"
	"iter"
	"slices"
)

func Fibonacci() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func Countdown(n int) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i := n; i > 0; i-- {
			if !yield(i, fmt.Sprint(i, "...")) {
				return
			}
		}
	}
}

func main() {
	Fibonacci()(func(n int) bool {
		fmt.Print(n, " ")
		return n < 50
	})
	fmt.Println()

	Countdown(3)(func(i int, s string) bool {
		fmt.Println(i, s)
		return true
	})

	small := slices.Collect(func(yield func(int) bool) {
		Fibonacci()(func(n int) bool { return n <= 20 && yield(n) })
	})
	fmt.Println(small, slices.Contains(small, 13))
}
