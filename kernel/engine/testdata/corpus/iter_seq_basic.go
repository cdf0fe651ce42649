package main

// Range over functions (Go 1.23): one, two and no loop variables, a func
// literal as the iterator, a generic named Seq type, break and continue.

import "fmt"

type Seq[V any] func(yield func(V) bool)

type Seq2[K, V any] func(yield func(K, V) bool)

func Count(n int) Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				fmt.Println("  (count stopped at", i, ")")
				return
			}
		}
	}
}

func Enumerate(words []string) Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, w := range words {
			if !yield(i, w) {
				return
			}
		}
	}
}

func fib(yield func(int) bool) {
	a, b := 0, 1
	for {
		if !yield(a) {
			return
		}
		a, b = b, a+b
	}
}

func main() {
	for x := range Count(3) {
		fmt.Println("x =", x)
	}
	for i, w := range Enumerate([]string{"go", "is", "fun"}) {
		if i == 1 {
			continue
		}
		fmt.Println(i, w)
	}
	ticks := 0
	for range Count(4) {
		ticks++
	}
	fmt.Println("ticks:", ticks)
	for f := range fib {
		if f > 50 {
			break
		}
		fmt.Print(f, " ")
	}
	fmt.Println()
	for v := range func(yield func(string) bool) {
		_ = yield("literal") && yield("iterator")
	} {
		fmt.Println(v)
	}
	var last string
	var at int
	for at, last = range Enumerate([]string{"a", "b", "c"}) {
	}
	fmt.Println("last:", at, last)
	for _, w := range Enumerate([]string{"only", "values"}) {
		fmt.Println(w)
	}
}
