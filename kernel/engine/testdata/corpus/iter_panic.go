package main

// Iterators that misbehave get Go's run-time errors; a panic in a loop body
// propagates through the iterator.

import "fmt"

func ignoresFalse(yield func(int) bool) {
	yield(1)
	yield(2) // after the body said stop
}

var kept func(int) bool

func keeps(yield func(int) bool) {
	kept = yield
	yield(1)
}

func swallows(yield func(int) bool) {
	defer func() { recover() }()
	yield(1)
}

func cleanup(yield func(int) bool) {
	defer fmt.Println("iterator cleanup runs")
	for i := 0; ; i++ {
		if !yield(i) {
			return
		}
	}
}

func try(name string, f func()) {
	defer func() {
		if err, ok := recover().(error); ok {
			fmt.Println(name+":", err)
		}
	}()
	f()
}

func main() {
	try("yield after false", func() {
		for x := range ignoresFalse {
			fmt.Println("got", x)
			break
		}
	})
	try("yield after the loop", func() {
		for x := range keeps {
			fmt.Println("got", x)
		}
		kept(2)
	})
	try("panic swallowed", func() {
		for x := range swallows {
			panic(x)
		}
	})
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		for x := range cleanup {
			if x == 2 {
				panic(fmt.Sprint("body panics at ", x))
			}
		}
	}()
}
