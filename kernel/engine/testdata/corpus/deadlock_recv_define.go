package main

import "fmt"

func main() {
	results := make(chan int)
	fmt.Println("waiting for a result")
	v := <-results
	fmt.Println(v)
}
