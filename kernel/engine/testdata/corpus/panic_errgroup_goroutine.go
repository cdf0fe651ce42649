package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

var never = make(chan struct{}) // nobody closes it: Wait cannot return before the panic

func work(i int) error {
	if i == 0 {
		<-never
	}
	if i == 2 {
		panic(fmt.Sprintf("bad item %d", i))
	}
	return nil
}

func main() {
	var g errgroup.Group
	g.SetLimit(2)
	for i := range 3 {
		g.Go(func() error { return work(i) })
	}
	fmt.Println(g.Wait())
}
