package main

import (
	"fmt"
	"sync"
)

func work(id int, wg *sync.WaitGroup, results chan<- int) {
	results <- id * 10
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	results := make(chan int)
	wg.Add(1)
	go work(1, &wg, results)
	wg.Wait()
	fmt.Println(<-results)
}
