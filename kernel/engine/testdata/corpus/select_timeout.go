package main

import (
	"fmt"
	"time"
)

func main() {
	c := make(chan int)
	select {
	case v := <-c:
		fmt.Println(v)
	case <-time.After(20 * time.Millisecond):
		fmt.Println("timeout")
	}
}
