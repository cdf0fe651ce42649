package main

import (
	"fmt"
	"sort"
)

func main() {
	ages := map[string]int{"bob": 31, "alice": 29, "carol": 35}
	names := make([]string, 0, len(ages))
	for n := range ages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("%-6s %d\n", n, ages[n])
	}
}
