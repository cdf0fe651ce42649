package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var n atomic.Int32
	var flag atomic.Bool
	n.Add(5)
	n.Store(n.Load() * 2)
	flag.Store(true)
	fmt.Println(n.Load(), flag.Load(), n.CompareAndSwap(10, 11), n.Load())
}
