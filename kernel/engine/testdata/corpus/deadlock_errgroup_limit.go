package main

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func fetch(i int) int {
	return i * i
}

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	_ = ctx
	g.SetLimit(5)
	results := make(chan int)
	for i := 0; i < 30; i++ {
		g.Go(func() error {
			results <- fetch(i)
			return nil
		})
	}
	g.Wait()
	for r := range results {
		fmt.Println(r)
	}
}
