package main

import "fmt"

func fill(m map[int]bool, done chan bool) {
	m[1] = true
	done <- true
}

func main() {
	var m map[int]bool
	done := make(chan bool)
	go fill(m, done)
	<-done
	fmt.Println("not reached")
}
