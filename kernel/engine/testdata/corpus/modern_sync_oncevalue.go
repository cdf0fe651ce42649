package main

import (
	"fmt"
	"sync"
)

type Config struct {
	DSN     string
	Workers int
}

func main() {
	loads := 0
	config := sync.OnceValue(func() *Config {
		loads++
		return &Config{DSN: "postgres://localhost", Workers: 4}
	})

	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := config().Workers
			mu.Lock()
			total += w
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("total workers:", total)
	fmt.Println("loaded", loads, "time(s):", config().DSN)
}
