package main

import (
	"fmt"
	"slices"
)

func main() {
	original := []int{1, 2, 3}
	alias := original
	copied := slices.Clone(original)

	original[0] = 100
	fmt.Println(alias, copied)
	fmt.Println(slices.Equal(original, alias), slices.Equal(original, copied))

	fmt.Println(slices.Compare([]int{1, 2}, []int{1, 3}))
	fmt.Println(slices.Compare([]int{1, 2, 3}, []int{1, 2}))
	fmt.Println(slices.Compare([]string{"go"}, []string{"go"}))

	words := []string{"Go", "Is", "Fun"}
	lower := []string{"go", "is", "fun"}
	same := slices.EqualFunc(words, lower, func(a, b string) bool {
		return len(a) == len(b) && a[1:] == b[1:]
	})
	fmt.Println(same)
}
