package main

import (
	"fmt"
)

func main() {
	x, y := 3, 7
	f := 2.5
	fmt.Println(min(x, y), max(x, y, 10), min(f, 1), max("a", "b"))
}
