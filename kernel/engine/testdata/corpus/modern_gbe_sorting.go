// Sorting with the slices package.
package main

import (
	"fmt"
	"slices"
)

func main() {
	strs := []string{"c", "a", "b"}
	slices.Sort(strs)
	fmt.Println("Strings:", strs)

	ints := []int{7, 2, 4}
	slices.Sort(ints)
	fmt.Println("Ints:   ", ints)

	s := slices.IsSorted(ints)
	fmt.Println("Sorted: ", s)

	floats := []float64{2.5, -1, 3.25, 0}
	slices.Sort(floats)
	fmt.Println("Floats: ", floats)

	i, found := slices.BinarySearch(ints, 4)
	fmt.Println("found 4 at", i, found)
	i, found = slices.BinarySearch(ints, 5)
	fmt.Println("5 would go at", i, found)

	fmt.Println("min", slices.Min(ints), "max", slices.Max(ints))
}
