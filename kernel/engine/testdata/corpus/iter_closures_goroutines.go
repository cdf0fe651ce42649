package main

// Each iteration of a range over a function has its own variables: closures
// and goroutines started in the body see their own.

import (
	"fmt"
	"sync"
)

func Count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	var fs []func() int
	for x := range Count(4) {
		fs = append(fs, func() int { return x * x })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	var wg sync.WaitGroup
	var mu sync.Mutex
	squares := make([]int, 5)
	total := 0
	for x := range Count(5) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			squares[x] = x * x
			total += x
		}()
	}
	wg.Wait()
	fmt.Println(squares, total)

	results := make(chan string, 3)
	for x := range Count(3) {
		go func(n int) { results <- fmt.Sprint("worker ", n) }(x)
	}
	got := map[string]bool{}
	for range Count(3) {
		got[<-results] = true
	}
	fmt.Println(len(got), got["worker 0"], got["worker 2"])
}
