package main

import (
	"fmt"
)

func main() {
	var c chan int
	select {
	case v := <-c:
		fmt.Println("got", v)
	default:
		fmt.Println("nil channel blocks; default runs")
	}
}
