package main

import "fmt"

// A Tour of Go, "The empty interface" and "Type switches", with a cell's
// types among the values.

type Vertex struct{ X, Y float64 }

func describe(i interface{}) {
	fmt.Printf("(%v, %T)\n", i, i)
}

func do(i interface{}) {
	switch v := i.(type) {
	case int:
		fmt.Printf("Twice %v is %v\n", v, v*2)
	case string:
		fmt.Printf("%q is %v bytes long\n", v, len(v))
	default:
		fmt.Printf("I don't know about type %T!\n", v)
	}
}

func main() {
	var i interface{}
	describe(i)
	i = 42
	describe(i)
	i = "hello"
	describe(i)
	i = Vertex{1, 2}
	describe(i)
	i = &Vertex{3, 4}
	describe(i)
	do(21)
	do("hello")
	do(true)
	do(Vertex{})
}
