package main

import "fmt"

func main() {
	results := make(chan int)
	go func(a, b int) {
		results <- a % b
	}(7, 0)
	fmt.Println(<-results)
}
