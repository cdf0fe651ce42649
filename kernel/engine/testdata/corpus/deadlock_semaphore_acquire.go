package main

import (
	"context"
	"fmt"

	"golang.org/x/sync/semaphore"
)

func fetch(i int) int {
	return i * i
}

func main() {
	ctx := context.Background()
	sem := semaphore.NewWeighted(5)
	results := make(chan int)
	for i := 0; i < 30; i++ {
		sem.Acquire(ctx, 1)
		go func() {
			defer sem.Release(1)
			results <- fetch(i)
		}()
	}
	for r := range results {
		fmt.Println(r)
	}
}
