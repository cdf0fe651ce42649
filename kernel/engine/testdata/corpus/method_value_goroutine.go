package main

import (
	"fmt"
	"sync"
)

type Job struct{ id int }

func (j Job) Run(wg *sync.WaitGroup, out chan<- int) {
	defer wg.Done()
	out <- j.id * j.id
}

func main() {
	var wg sync.WaitGroup
	out := make(chan int, 3)
	for i := 1; i <= 3; i++ {
		j := Job{i}
		run := j.Run
		wg.Add(1)
		go run(&wg, out)
	}
	wg.Wait()
	close(out)
	sum := 0
	for v := range out {
		sum += v
	}
	fmt.Println(sum)
}
