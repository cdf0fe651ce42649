package main

import (
	"fmt"
)

func main() {
	for _, n := range []int{1, 5, 9} {
		switch {
		case n < 3:
			fmt.Println(n, "small")
		case n < 7:
			fmt.Println(n, "medium")
			fallthrough
		default:
			fmt.Println(n, "not small")
		}
	}
}
