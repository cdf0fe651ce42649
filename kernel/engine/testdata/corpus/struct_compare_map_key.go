package main

import (
	"fmt"
)

type Key struct{ X, Y int }

func main() {
	seen := map[Key]bool{}
	seen[Key{1, 2}] = true
	fmt.Println(seen[Key{1, 2}], seen[Key{2, 1}], Key{1, 2} == Key{1, 2})
}
