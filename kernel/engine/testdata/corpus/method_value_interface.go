package main

import "fmt"

type Shape interface{ Area() float64 }

type Square struct{ s float64 }

func (q Square) Area() float64 { return q.s * q.s }

func main() {
	var sh Shape = Square{2}
	area := sh.Area
	sh = Square{10}
	fmt.Println(area(), sh.Area())
	f := Shape.Area
	fmt.Println(f(Square{3}))
}
