package main

import "fmt"

func countdown(n int) int {
	if n == 0 {
		panic("reached zero")
	}
	return countdown(n-1) + 1
}

func main() {
	fmt.Println("start")
	countdown(3)
}
