package main

import (
	"fmt"
	"slices"
)

func main() {
	colors := []string{"red", "green", "blue"}

	for i, c := range slices.All(colors) {
		fmt.Println(i, c)
	}

	for i, c := range slices.Backward(colors) {
		fmt.Println("back", i, c)
	}

	for c := range slices.Values(colors) {
		if c == "green" {
			break
		}
		fmt.Println("before green:", c)
	}

	for chunk := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {
		fmt.Println(chunk)
	}
}
