package main

import (
	"fmt"
	"time"
)

func main() {
	limiter := time.Tick(2 * time.Millisecond)
	start := time.Now()
	for i := 0; i < 3; i++ {
		<-limiter
		fmt.Println("request", i)
	}
	fmt.Println(time.Since(start) >= 4*time.Millisecond)
}
