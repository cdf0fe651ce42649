package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case out <- i:
			}
		}
	}()
	for v := range out {
		if v == 3 {
			cancel()
			break
		}
		fmt.Println(v)
	}
	fmt.Println(ctx.Err())
}
