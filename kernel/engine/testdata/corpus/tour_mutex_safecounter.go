package main

import (
	"fmt"
	"sync"
	"time"
)

type SafeCounter struct {
	mu sync.Mutex
	v  map[string]int
}

func (c *SafeCounter) Inc(key string) {
	c.mu.Lock()
	c.v[key]++
	c.mu.Unlock()
}

func (c *SafeCounter) Value(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.v[key]
}

func main() {
	c := SafeCounter{v: make(map[string]int)}
	for i := 0; i < 1000; i++ {
		go c.Inc("somekey")
	}
	// The tour sleeps a fixed time and hopes the goroutines are done; a
	// loaded machine (or the interpreter) may need longer, so wait until the
	// count is complete, up to a generous deadline.
	for deadline := time.Now().Add(20 * time.Second); c.Value("somekey") < 1000 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	fmt.Println(c.Value("somekey"))
}
