package main

import (
	"fmt"
	"sync"
)

type Logger struct{ name string }

func (l *Logger) Close()      { fmt.Println("close", l.name) }
func (l Logger) Say(s string) { fmt.Println(l.name, "says", s) }

type Shape interface{ Area() float64 }

type Sq struct{ s float64 }

func (q Sq) Area() float64 { return q.s * q.s }

func report(s Shape) { fmt.Println("area", s.Area()) }

func run() {
	l := &Logger{"first"}
	defer l.Close() // the receiver is the first logger, saved now
	var v Logger = Logger{"value"}
	defer v.Say("bye") // a copy of v, saved now
	var sh Shape = Sq{2}
	defer report(sh)
	for i := 0; i < 3; i++ {
		li := &Logger{fmt.Sprint("loop", i)}
		defer li.Close()
	}
	l = &Logger{"second"}
	v.name = "changed"
	sh = Sq{3}
	fmt.Println("end of run", l.name, v.name, sh.Area())
}

func main() {
	run()
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			total += i
		}()
	}
	wg.Wait()
	fmt.Println("total", total)
}
