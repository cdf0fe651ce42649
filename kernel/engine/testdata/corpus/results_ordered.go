package main

import (
	"fmt"
	"sync"
)

func main() {
	inputs := []int{4, 2, 7, 1}
	results := make([]int, len(inputs))
	var wg sync.WaitGroup
	for i, v := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = v * 10
		}()
	}
	wg.Wait()
	fmt.Println(results)
}
