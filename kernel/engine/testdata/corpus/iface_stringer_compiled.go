package main

import (
	"fmt"
	"strings"
)

type Name struct{ First, Last string }

func (n Name) String() string { return n.First + " " + n.Last }

func join(items []fmt.Stringer) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = it.String()
	}
	return strings.Join(parts, ", ")
}

func main() {
	fmt.Println(join([]fmt.Stringer{Name{"Ada", "Lovelace"}, Name{"Alan", "Turing"}}))
	var s fmt.Stringer = Name{"Grace", "Hopper"}
	fmt.Println(s.String())
}
