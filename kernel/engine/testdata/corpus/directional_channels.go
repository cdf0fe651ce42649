package main

import (
	"fmt"
)

func send(c chan<- int, n int) {
	for i := 0; i < n; i++ {
		c <- i
	}
	close(c)
}

func recv(c <-chan int) (s int) {
	for v := range c {
		s += v
	}
	return
}

func main() {
	c := make(chan int)
	go send(c, 5)
	fmt.Println(recv(c))
}
