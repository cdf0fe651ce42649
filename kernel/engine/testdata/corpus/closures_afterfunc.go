package main

import (
	"fmt"
	"sync"
	"time"
)

// corpus: unordered
func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		time.AfterFunc(time.Millisecond, func() {
			defer wg.Done()
			fmt.Println("tick", i)
		})
	}
	wg.Wait()
}
