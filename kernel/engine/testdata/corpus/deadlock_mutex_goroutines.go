package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex

func grab(done chan<- bool) {
	mu.Lock()
	done <- true
}

func main() {
	done := make(chan bool)
	mu.Lock()
	fmt.Println("main holds the lock")
	go grab(done)
	<-done
}
