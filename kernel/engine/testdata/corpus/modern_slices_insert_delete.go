package main

import (
	"fmt"
	"slices"
)

func main() {
	letters := []string{"a", "b", "c", "d", "e"}
	letters = slices.Delete(letters, 1, 3)
	fmt.Println(letters)

	letters = slices.Insert(letters, 1, "x", "y")
	fmt.Println(letters)

	letters = slices.Replace(letters, 0, 2, "A")
	fmt.Println(letters)

	nums := []int{1, 2, 3, 4, 5, 6, 7, 8}
	nums = slices.DeleteFunc(nums, func(n int) bool { return n%3 == 0 })
	fmt.Println(nums, len(nums))

	// Delete zeroes what it leaves behind in the original array.
	orig := []int{10, 20, 30, 40}
	short := slices.Delete(orig, 0, 1)
	fmt.Println(short, orig)
}
