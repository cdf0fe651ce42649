package main

import (
	"fmt"
)

func main() {
	x := 1
	if true {
		x := 2
		x++
		_ = x
	}
	{
		x := "inner"
		_ = x
	}
	fmt.Println(x)
}
