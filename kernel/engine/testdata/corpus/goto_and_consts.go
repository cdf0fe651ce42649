package main

import (
	"fmt"
)

const (
	A = iota
	B
	C
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
)

func main() {
	i := 0
loop:
	if i < 3 {
		i++
		goto loop
	}
	fmt.Println(i, A, B, C, Monday)
}
