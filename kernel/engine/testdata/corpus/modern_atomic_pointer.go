package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Settings struct {
	Version int
	Theme   string
}

func main() {
	var current atomic.Pointer[Settings]
	fmt.Println(current.Load() == nil)
	current.Store(&Settings{1, "light"})

	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				old := current.Load()
				next := &Settings{old.Version + 1, "dark"}
				if current.CompareAndSwap(old, next) {
					return
				}
			}
		}()
	}
	wg.Wait()
	s := current.Load()
	fmt.Println(s.Version, s.Theme)

	prev := current.Swap(&Settings{100, "solarized"})
	fmt.Println(prev.Version, current.Load().Theme)
}
