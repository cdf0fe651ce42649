package main

import (
	"fmt"
	"slices"
	"sync"
)

func square(n int) int { return n * n }

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var results []int
	for i := 1; i <= 5; i++ {
		wg.Go(func() {
			r := square(i)
			mu.Lock()
			results = append(results, r)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(results)
	fmt.Println(results)
}
