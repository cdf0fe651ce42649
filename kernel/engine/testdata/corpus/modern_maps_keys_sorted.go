package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	stock := map[string]int{"pear": 3, "apple": 7, "fig": 0, "kiwi": 12}

	keys := slices.Sorted(maps.Keys(stock))
	for _, k := range keys {
		fmt.Printf("%-6s %2d\n", k, stock[k])
	}

	counts := slices.Sorted(maps.Values(stock))
	fmt.Println("counts:", counts)

	total := 0
	maps.Values(stock)(func(n int) bool {
		total += n
		return true
	})
	fmt.Println("total:", total)
}
