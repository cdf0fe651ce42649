package main

import (
	"fmt"
	"slices"
	"strings"
)

func reversed(words []string) string {
	words = slices.Clone(words)
	slices.Reverse(words)
	return strings.Join(words, " ")
}

func main() {
	nums := []int{1, 2, 3, 4, 5}
	slices.Reverse(nums)
	fmt.Println(nums)

	r := []rune("stressed")
	slices.Reverse(r)
	fmt.Println(string(r))

	words := []string{"the", "quick", "brown", "fox"}
	fmt.Println(reversed(words), words)
}
