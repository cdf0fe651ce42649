package main

import (
	"fmt"
)

func gen(quit <-chan bool) <-chan int {
	c := make(chan int)
	go func() {
		defer close(c)
		for i := 0; ; i++ {
			select {
			case c <- i:
			case <-quit:
				return
			}
		}
	}()
	return c
}

func main() {
	quit := make(chan bool)
	c := gen(quit)
	for i := 0; i < 4; i++ {
		fmt.Print(<-c, " ")
	}
	close(quit)
	fmt.Println()
}
