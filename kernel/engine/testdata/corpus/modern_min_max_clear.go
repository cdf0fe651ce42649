package main

import "fmt"

func main() {
	fmt.Println(min(3, 1, 2), max(3, 1, 2))
	fmt.Println(min(2.5, 1), max("apple", "banana", "cherry"))

	x, y := 10, 42
	fmt.Println(min(x, y, 7), max(x, y))

	lo, hi := 0, 100
	clamp := func(v int) int { return min(max(v, lo), hi) }
	fmt.Println(clamp(-5), clamp(50), clamp(500))

	m := map[string]int{"a": 1, "b": 2}
	s := []int{1, 2, 3}
	clear(m)
	clear(s)
	fmt.Println(len(m), s)
}
