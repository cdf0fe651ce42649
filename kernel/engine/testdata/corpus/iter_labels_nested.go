package main

// Nested range-over-func loops: labelled break and continue to an outer
// loop (a range over a function or an ordinary for), and a return from the
// inner body.

import "fmt"

func Count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func firstPair(sum int) (int, int, bool) {
	for a := range Count(10) {
		for b := range Count(10) {
			if a+b == sum && a < b {
				return a, b, true
			}
		}
	}
	return 0, 0, false
}

func main() {
rows:
	for r := range Count(4) {
		for c := range Count(4) {
			if c > r {
				continue rows
			}
			if r == 3 {
				break rows
			}
			fmt.Print(r, c, " ")
		}
	}
	fmt.Println()

plain:
	for i := 0; i < 3; i++ {
		for x := range Count(5) {
			if x == 2 {
				continue plain
			}
			if i == 2 {
				break plain
			}
			fmt.Print(i, x, " ")
		}
	}
	fmt.Println()

	fmt.Println(firstPair(7))
	fmt.Println(firstPair(100))

	n := 0
	for x := range Count(3) {
		switch x {
		case 1:
			continue
		}
		for y := range Count(3) {
			if y == 2 {
				break
			}
			n += x*10 + y
		}
	}
	fmt.Println("n =", n)
}
