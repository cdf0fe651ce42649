package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Store(i, i*i)
		}()
	}
	wg.Wait()
	v, _ := m.Load(3)
	n := 0
	m.Range(func(k, v any) bool { n++; return true })
	fmt.Println(v, n)
}
