package main

import (
	"fmt"
)

func main() {
	s := "héllo"
	fmt.Println(len(s), len([]rune(s)))
	for i, r := range s {
		fmt.Print(i, ":", string(r), " ")
	}
	fmt.Println()
}
