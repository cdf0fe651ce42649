package main

import "fmt"

// A type declared in a function body is named after its package too.

func main() {
	type point struct{ x, y int }
	type celsius float64
	p := point{1, 2}
	fmt.Printf("%T %v %+v %#v\n", p, p, p, p)
	fmt.Printf("%T %#v\n", celsius(3), []celsius{1})
	fmt.Printf("%T\n", map[string]point{})
}
