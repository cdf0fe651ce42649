package main

import (
	"context"
	"crypto/sha3"
	"fmt"
	"os"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, _ := errgroup.WithContext(context.Background())
	g.SetLimit(2)
	var mu sync.Mutex
	total := 0
	for i := 1; i <= 4; i++ {
		g.Go(func() error {
			mu.Lock()
			total += i
			mu.Unlock()
			return nil
		})
	}
	fmt.Println(g.Wait(), total)
	var wg sync.WaitGroup
	wg.Go(func() { fmt.Println("wg.Go ran") })
	wg.Wait()
	n := 0
	strings.Lines("a\nb\nc\n")(func(s string) bool { n++; return true })
	fmt.Println("lines:", n)
	h := sha3.Sum256([]byte("go"))
	fmt.Printf("%x\n", h[:4])
	fmt.Println(os.CopyFS != nil)
}
