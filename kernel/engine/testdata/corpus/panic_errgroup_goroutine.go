package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

func work(i int) error {
	if i == 2 {
		panic(fmt.Sprintf("bad item %d", i))
	}
	return nil
}

func main() {
	var g errgroup.Group
	g.SetLimit(1)
	for i := range 3 {
		g.Go(func() error { return work(i) })
	}
	fmt.Println(g.Wait())
}
