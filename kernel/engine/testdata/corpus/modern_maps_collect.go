package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func main() {
	planets := []string{"mercury", "venus", "earth"}
	byIndex := maps.Collect(slices.All(planets))
	fmt.Println(byIndex)

	lengths := map[string]int{}
	maps.Insert(lengths, func(yield func(string, int) bool) {
		for _, p := range planets {
			if !yield(strings.ToUpper(p[:1])+p[1:], len(p)) {
				return
			}
		}
	})
	fmt.Println(lengths)

	mirror := maps.Collect(maps.All(lengths))
	fmt.Println(maps.Equal(mirror, lengths))
}
