package main

import (
	"fmt"
	"strings"
)

func main() {
	s := "Hello, Gophers"
	fmt.Println(strings.ToUpper(s), strings.Contains(s, "Go"), strings.Split("a,b,c", ","))
	fmt.Println(strings.Repeat("ab", 3), strings.TrimSpace("  x  "), strings.Index(s, "G"))
	var b strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, "%d;", i)
	}
	fmt.Println(b.String())
}
