// The min, max and clear builtins (Go 1.21).
package main

import "fmt"

func main() {
	fmt.Println(min(3, 1, 2), max(3, 1, 2))
	fmt.Println(min(2.5, 1), max(0.5, 2))
	fmt.Println(min("pear", "apple", "fig"), max("pear", "apple", "fig"))

	x, y := 10, 20
	fmt.Println(min(x, y), max(x, y, 15))

	var f float64 = 1.5
	fmt.Println(max(f, 2))

	const c = min(4, 9)
	fmt.Println(c)

	m := map[string]bool{"a": true, "b": false}
	clear(m)
	fmt.Println(len(m), m)

	s := []int{1, 2, 3}
	clear(s)
	fmt.Println(len(s), s)
}
