// corpus: unordered
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func lookup(names []string, i int, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	defer func() {
		if r := recover(); r != nil {
			err, ok := r.(runtime.Error)
			results <- fmt.Sprintf("worker %d: %T %v (runtime.Error: %v)", i, r, err, ok)
		}
	}()
	results <- names[i]
}

func main() {
	names := []string{"ada", "bob"}
	results := make(chan string, 4)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go lookup(names, i, results, &wg)
	}
	wg.Wait()
	close(results)
	var got []string
	for r := range results {
		got = append(got, r)
	}
	fmt.Println(len(got))
	for _, r := range got {
		fmt.Println(r)
	}
}
