package main

import "fmt"

func main() {
	word := "gopher"
	k := 10
	fmt.Println(word[2:])
	fmt.Println(word[k:])
}
