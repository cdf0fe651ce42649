package main

import (
	"fmt"
)

func main() {
	m := map[string]int{"one": 1, "two": 2}
	m["three"] = 3
	delete(m, "one")
	v, ok := m["one"]
	fmt.Println(len(m), v, ok, m)
}
