package main

import (
	"fmt"
)

func sum(prefix string, nums ...int) string {
	t := 0
	for _, n := range nums {
		t += n
	}
	return fmt.Sprint(prefix, t)
}

func main() {
	xs := []int{1, 2, 3}
	fmt.Println(sum("a="), sum("b=", 1, 2), sum("c=", xs...))
}
