package main

import (
	"cmp"
	"fmt"
)

type Score struct {
	Player string
	Points int
}

func greet(name string) string {
	return "Hello, " + cmp.Or(name, "stranger") + "!"
}

func main() {
	fmt.Println(cmp.Compare(3, 5), cmp.Compare(5, 5), cmp.Compare("b", "a"))
	fmt.Println(cmp.Less(2.5, 3.0), cmp.Less("zebra", "apple"))

	fmt.Println(greet("Ada"))
	fmt.Println(greet(""))

	port := cmp.Or(0, 0, 8080)
	fmt.Println("port", port)

	a, b := Score{"ann", 10}, Score{"bob", 10}
	order := cmp.Or(cmp.Compare(b.Points, a.Points), cmp.Compare(a.Player, b.Player))
	fmt.Println(order)
}
