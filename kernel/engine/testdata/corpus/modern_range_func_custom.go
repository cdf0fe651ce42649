package main

import (
	"fmt"
	"iter"
)

func Primes() iter.Seq[int] {
	return func(yield func(int) bool) {
		for n := 2; ; n++ {
			d := 2
			for d*d <= n && n%d != 0 {
				d++
			}
			if d*d > n && !yield(n) {
				return
			}
		}
	}
}

func Enumerate[V any](seq iter.Seq[V]) iter.Seq2[int, V] {
	return func(yield func(int, V) bool) {
		i := 0
		for v := range seq {
			if !yield(i, v) {
				return
			}
			i++
		}
	}
}

func main() {
	for p := range Primes() {
		if p > 30 {
			break
		}
		fmt.Print(p, " ")
	}
	fmt.Println()
	for i, p := range Enumerate(Primes()) {
		if i == 3 {
			break
		}
		fmt.Println(i, p)
	}
}
