package main

import (
	"fmt"
	"sync"
)

func safeWorker(id int, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	defer func() {
		if r := recover(); r != nil {
			out <- fmt.Sprintf("worker %d recovered: %v", id, r)
		}
	}()
	if id == 2 {
		var m map[int]int
		m[id] = id
	}
	out <- fmt.Sprintf("worker %d ok", id)
}

func main() {
	var wg sync.WaitGroup
	out := make(chan string, 3)
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go safeWorker(i, &wg, out)
	}
	wg.Wait()
	close(out)
	for s := range out {
		fmt.Println(s)
	}
}

// corpus: unordered
