package main

import "fmt"

func window(s []int, from, to int) []int {
	return s[from:to]
}

func main() {
	s := []int{1, 2, 3, 4, 5}
	fmt.Println(window(s, 1, 3))
	fmt.Println(window(s, 3, 2))
}
