package main

import (
	"fmt"
)

func main() {
	a := [3]int{1, 2, 3}
	b := a
	b[0] = 100
	fmt.Println(a, b, a == [3]int{1, 2, 3}, len(a))
	var grid [2][2]string
	grid[1][0] = "x"
	fmt.Printf("%q\n", grid)
}
