package main

import (
	"fmt"
	"time"
)

func main() {
	results := make(chan string)
	go func() {
		time.Sleep(5 * time.Millisecond)
		results <- "fast"
	}()
	go func() {
		time.Sleep(200 * time.Millisecond)
		results <- "slow"
	}()
	timeout := time.After(100 * time.Millisecond)
	for i := 0; i < 2; i++ {
		select {
		case r := <-results:
			fmt.Println(r)
		case <-timeout:
			fmt.Println("timed out")
		}
	}
}
