package main

import (
	"fmt"
	"sort"
	"sync"
)

// Map and slice types with methods stored in interfaces (declared,
// assigned, returned) and handed to goroutines.

type Store interface {
	Get(k string) (int, bool)
}

type MapStore map[string]int
type PairStore []struct {
	k string
	v int
}

func (m MapStore) Get(k string) (int, bool) { v, ok := m[k]; return v, ok }
func (p PairStore) Get(k string) (int, bool) {
	for _, e := range p {
		if e.k == k {
			return e.v, true
		}
	}
	return 0, false
}

func lookup(i int, s Store, k string, wg *sync.WaitGroup, mu *sync.Mutex, out map[string]string) {
	defer wg.Done()
	v, ok := s.Get(k)
	mu.Lock()
	out[fmt.Sprintf("%d %T %s", i, s, k)] = fmt.Sprint(v, ok)
	mu.Unlock()
}

func pick(m bool) Store {
	if m {
		return MapStore{"b": 2}
	}
	return PairStore{{"c", 3}}
}

func main() {
	var s Store = MapStore{"a": 1}
	fmt.Println(s.Get("a"))
	s = PairStore{{"x", 9}}
	fmt.Println(s.Get("x"))
	stores := []Store{MapStore{"a": 1}, PairStore{{"a", 5}}, pick(true), pick(false)}
	var wg sync.WaitGroup
	var mu sync.Mutex
	out := map[string]string{}
	for i, st := range stores {
		for _, k := range []string{"a", "b", "c"} {
			wg.Add(1)
			go lookup(i, st, k, &wg, &mu, out)
		}
	}
	wg.Add(1)
	go lookup(9, MapStore{"z": 26}, "z", &wg, &mu, out)
	wg.Wait()
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, out[k])
	}
}
