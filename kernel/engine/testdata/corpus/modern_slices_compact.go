package main

import (
	"fmt"
	"slices"
	"strings"
)

func main() {
	visits := []string{"home", "blog", "home", "about", "blog", "home"}
	unique := slices.Clone(visits)
	slices.Sort(unique)
	unique = slices.Compact(unique)
	fmt.Println(unique, len(visits))

	readings := []int{3, 3, 3, 5, 5, 3, 8, 8}
	fmt.Println(slices.Compact(readings))

	tags := []string{"Go", "go", "GO", "Rust", "rust", "Zig"}
	tags = slices.CompactFunc(tags, strings.EqualFold)
	fmt.Println(tags)
}
