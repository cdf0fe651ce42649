package main

import "fmt"

func avg(total, n int) int {
	return total / n
}

func main() {
	fmt.Println(avg(10, 2))
	fmt.Println(avg(10, 0))
}
