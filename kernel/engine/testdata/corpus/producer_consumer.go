package main

import (
	"fmt"
)

func main() {
	buf := make(chan int, 2)
	done := make(chan bool)
	go func() {
		sum := 0
		for v := range buf {
			sum += v
		}
		fmt.Println("sum", sum)
		done <- true
	}()
	for i := 1; i <= 10; i++ {
		buf <- i
	}
	close(buf)
	<-done
}
