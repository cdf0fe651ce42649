package main

import (
	"fmt"
	"math"
)

// Values held in interfaces: slices of a cell's interface type, of
// fmt.Stringer, of any; their String methods and dynamic types.

type Shape interface {
	Area() float64
}

type Circle struct{ R float64 }

func (c Circle) Area() float64   { return math.Pi * c.R * c.R }
func (c Circle) String() string  { return fmt.Sprintf("circle(r=%g)", c.R) }
func (s Square) Area() float64   { return s.Side * s.Side }
func (s *Square) String() string { return fmt.Sprintf("square(%g)", s.Side) }

type Square struct{ Side float64 }

func main() {
	shapes := []Shape{Circle{1}, Square{2}, &Square{3}}
	fmt.Println(shapes)
	for _, s := range shapes {
		fmt.Printf("%v %T %.2f\n", s, s, s.Area())
	}
	var st []fmt.Stringer = []fmt.Stringer{Circle{2}, &Square{4}}
	fmt.Println(st)
	mixed := []any{Circle{5}, 42, "hi", &Square{1}, nil, Square{7}}
	fmt.Println(mixed)
	fmt.Printf("%v\n", mixed...)
	var s Shape = Circle{0.5}
	fmt.Println(s)
	fmt.Printf("%T %T\n", s, mixed[3])
	byName := map[string]Shape{"c": Circle{1}, "s": Square{1}}
	fmt.Println(byName)
}
