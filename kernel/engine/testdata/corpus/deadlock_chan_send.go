package main

import "fmt"

func main() {
	stuck := make(chan int)
	fmt.Println("sending")
	stuck <- 1
	fmt.Println("not reached")
}
