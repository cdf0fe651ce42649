package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

const text = "the cat and the hat and the bat sat on the mat"

func main() {
	counts := map[string]int{}
	for _, w := range strings.Fields(text) {
		counts[w]++
	}

	words := slices.Collect(maps.Keys(counts))
	slices.SortFunc(words, func(a, b string) int {
		return cmp.Or(
			cmp.Compare(counts[b], counts[a]), // most frequent first
			cmp.Compare(a, b),                 // then alphabetical
		)
	})
	for _, w := range words[:4] {
		fmt.Printf("%-4s %d\n", w, counts[w])
	}
	fmt.Println("distinct:", len(words), "max:", slices.Max(slices.Collect(maps.Values(counts))))
}
