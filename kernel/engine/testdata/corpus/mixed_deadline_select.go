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
		time.Sleep(3 * time.Second)
		results <- "slow"
	}()
	// Generous margins (fast ≪ timeout ≪ slow): the order must not depend
	// on how loaded the machine is.
	timeout := time.After(time.Second)
	for i := 0; i < 2; i++ {
		select {
		case r := <-results:
			fmt.Println(r)
		case <-timeout:
			fmt.Println("timed out")
		}
	}
}
