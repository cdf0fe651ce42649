package main

import (
	"fmt"
	"sync"
)

func worker(data []string, i int, wg *sync.WaitGroup) {
	fmt.Println(data[i])
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker([]string{"a", "b"}, 4, &wg)
	wg.Wait()
	fmt.Println("not reached")
}
