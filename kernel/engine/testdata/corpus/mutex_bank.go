package main

import (
	"fmt"
	"sync"
)

type Bank struct {
	mu       sync.Mutex
	accounts map[string]int
}

func (b *Bank) Transfer(from, to string, n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.accounts[from] < n {
		return false
	}
	b.accounts[from] -= n
	b.accounts[to] += n
	return true
}

func main() {
	b := &Bank{accounts: map[string]int{"a": 100, "b": 0}}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Transfer("a", "b", 10)
		}()
	}
	wg.Wait()
	fmt.Println(b.accounts["a"], b.accounts["b"])
}
