package main

import (
	"fmt"
)

func main() {
	var s []int
	for i := 0; i < 5; i++ {
		s = append(s, i)
	}
	t := s[1:3]
	t = append(t, 99)
	fmt.Println(s, t, len(t))
}
