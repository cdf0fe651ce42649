package main

import (
	"fmt"
)

func main() {
	reqs := make(chan chan string)
	go func() {
		for r := range reqs {
			r <- "pong"
		}
	}()
	for i := 0; i < 2; i++ {
		reply := make(chan string)
		reqs <- reply
		fmt.Println(<-reply)
	}
	close(reqs)
}
