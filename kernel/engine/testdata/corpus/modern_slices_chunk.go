package main

import (
	"fmt"
	"slices"
)

func main() {
	jobs := []string{"j1", "j2", "j3", "j4", "j5", "j6", "j7"}
	batch := 1
	slices.Chunk(jobs, 3)(func(c []string) bool {
		fmt.Printf("batch %d: %v\n", batch, c)
		batch++
		return true
	})

	// Stop after the first two chunks.
	n := 0
	slices.Chunk([]int{1, 2, 3, 4, 5, 6}, 2)(func(c []int) bool {
		n++
		fmt.Println(c, len(c), cap(c))
		return n < 2
	})
}
