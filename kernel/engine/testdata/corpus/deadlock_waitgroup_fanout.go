package main

import (
	"fmt"
	"sync"
)

func fetch(i int) int {
	return i * i
}

func main() {
	var wg sync.WaitGroup
	results := make(chan int)
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- fetch(i)
		}()
	}
	wg.Wait()
	for r := range results {
		fmt.Println(r)
	}
}
