package main

import "fmt"

func producer(out chan<- int) {
	out <- 1
	out <- 2
}

func main() {
	out := make(chan int)
	done := make(chan bool)
	go producer(out)
	fmt.Println(<-out)
	<-done
}
