package main

import (
	"fmt"
)

var total = compute()

func compute() int { return base * 2 }

var base = 21

func main() {
	fmt.Println(total, base)
}
