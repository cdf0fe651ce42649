package main

import (
	"fmt"
)

func main() {
	c := make(chan int, 1)
	c <- 9
	var r int
	var ok bool
	select {
	case r, ok = <-c:
	}
	fmt.Println(r, ok)
	close(c)
	select {
	case r = <-c:
	}
	fmt.Println(r)
}
