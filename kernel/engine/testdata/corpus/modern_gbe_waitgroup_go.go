// WaitGroup.Go (Go 1.25): start workers without Add and Done.
package main

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
)

func worker(id int) string {
	return fmt.Sprintf("worker %d done", id)
}

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var lines []string
	for i := 1; i <= 5; i++ {
		wg.Go(func() {
			l := worker(i)
			mu.Lock()
			lines = append(lines, l)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Println(l)
	}

	var total atomic.Int64
	var wg2 sync.WaitGroup
	for n := range 100 {
		wg2.Go(func() { total.Add(int64(n)) })
	}
	wg2.Wait()
	fmt.Println("total:", total.Load())
}
