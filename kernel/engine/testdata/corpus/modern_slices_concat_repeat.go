package main

import (
	"fmt"
	"slices"
)

func main() {
	morning := []string{"coffee", "mail"}
	afternoon := []string{"meeting"}
	evening := []string{"gym", "dinner"}
	day := slices.Concat(morning, afternoon, evening)
	fmt.Println(day, len(day))

	fmt.Println(slices.Repeat([]string{"la"}, 3))
	border := slices.Repeat([]rune{'='}, 10)
	fmt.Println(string(border))

	buf := slices.Grow([]int{1, 2}, 100)
	fmt.Println(len(buf), cap(buf) >= 102)
	buf = slices.Clip(buf)
	fmt.Println(len(buf), cap(buf))
}
