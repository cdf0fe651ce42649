package main

import "fmt"

func shutdown(ch chan struct{}) {
	close(ch)
}

func main() {
	var quit chan struct{}
	fmt.Println("closing")
	shutdown(quit)
}
