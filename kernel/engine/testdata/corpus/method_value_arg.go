package main

import (
	"fmt"
	"strings"
)

type Greeter struct{ greeting string }

func (g Greeter) Greet(name string) string { return g.greeting + ", " + name }

func apply(names []string, f func(string) string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = f(n)
	}
	return out
}

func main() {
	g := Greeter{"Hello"}
	fmt.Println(strings.Join(apply([]string{"Ann", "Bo"}, g.Greet), "; "))
	h := Greeter{"Hi"}
	greet := h.Greet
	h.greeting = "Bye"
	fmt.Println(greet("Cy"))
}
