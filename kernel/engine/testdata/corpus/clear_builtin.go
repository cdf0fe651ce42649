package main

import (
	"fmt"
)

func main() {
	m := map[int]bool{1: true, 2: true}
	s := []int{1, 2, 3}
	clear(m)
	clear(s)
	fmt.Println(len(m), s)
}
