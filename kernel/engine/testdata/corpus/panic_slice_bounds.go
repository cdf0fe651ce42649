package main

import "fmt"

func main() {
	s := make([]int, 3, 5)
	n := 7
	fmt.Println(len(s[:5]))
	fmt.Println(s[:n])
}
