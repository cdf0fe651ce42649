package main

import (
	"fmt"
	"sync"
)

// corpus: unordered
func producer(name string, n int) <-chan string {
	c := make(chan string)
	go func() {
		defer close(c)
		for i := 0; i < n; i++ {
			c <- fmt.Sprintf("%s%d", name, i)
		}
	}()
	return c
}

func merge(cs ...<-chan string) <-chan string {
	out := make(chan string)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func main() {
	for v := range merge(producer("a", 3), producer("b", 2)) {
		fmt.Println(v)
	}
}
