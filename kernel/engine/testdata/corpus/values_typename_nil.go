package main

import "fmt"

// nil values of a cell's types under %v and %#v, and func and chan types.

type Point struct{ X, Y int }
type Handler func(Point) error

func main() {
	var p *Point
	var ps []Point
	var m map[string]Point
	var h Handler
	var ch chan Point
	var any1 any
	fmt.Printf("%v %v %v %v %v %v\n", p, ps, m, h == nil, ch, any1)
	fmt.Printf("%#v\n%#v\n%#v\n%#v\n%#v\n", p, ps, m, ch, any1)
	fmt.Printf("%T %T %T %T\n", h, ch, (<-chan *Point)(nil), func(int) (Point, error) { return Point{}, nil })
	fmt.Printf("%#v\n", []*Point{nil})
	fmt.Printf("%#v\n", []any{nil, Point{}})
}
