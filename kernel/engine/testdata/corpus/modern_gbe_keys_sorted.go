// Iterating a map in a stable order: maps.Keys, slices.Sorted and friends.
package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func main() {
	text := "the cat and the hat and the bat"
	counts := map[string]int{}
	for _, w := range strings.Fields(text) {
		counts[w]++
	}
	for _, w := range slices.Sorted(maps.Keys(counts)) {
		fmt.Printf("%-4s %d\n", w, counts[w])
	}
	vals := slices.Sorted(maps.Values(counts))
	fmt.Println("counts:", vals)

	byCount := slices.SortedFunc(maps.Keys(counts), func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	fmt.Println("by count:", byCount)

	copyOf := maps.Clone(counts)
	maps.DeleteFunc(copyOf, func(k string, v int) bool { return v < 2 })
	fmt.Println(copyOf, len(counts))
}
