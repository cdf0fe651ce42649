package main

import (
	"fmt"
)

func main() {
	done := make(chan struct{})
	result := make(chan int)
	go func() {
		sum := 0
		for i := 1; i <= 100; i++ {
			sum += i
		}
		result <- sum
		close(done)
	}()
	fmt.Println(<-result)
	<-done
	fmt.Println("done")
}
