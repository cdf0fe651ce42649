package main

import (
	"fmt"
	"slices"
	"strings"
)

// Slices that compiled functions return (strings.Fields, strings.Split)
// passed straight to the generic functions.
func main() {
	text := "the quick brown fox jumps over the lazy dog"
	words := strings.Fields(text)
	slices.Sort(words)
	fmt.Println(slices.Compact(words))

	fields := strings.Split("id,name,email", ",")
	fmt.Println(slices.Contains(fields, "name"), slices.Index(fields, "email"))

	slices.Reverse(fields)
	fmt.Println(fields, slices.Max(strings.Fields("b c a")))
}
