package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 2 {
				errs <- fmt.Errorf("task %d failed", i)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		fmt.Println(e)
	}
}
