package main

import "fmt"

func main() {
	ch := make(chan string, 2)
	ch <- "a"
	close(ch)
	fmt.Println(<-ch)
	ch <- "b"
}
