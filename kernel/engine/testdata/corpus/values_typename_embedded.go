package main

import "fmt"

// Embedded fields are named after their type in %+v and %#v.

type Point struct{ X, Y int }
type Named struct{ Name string }

type Circle struct {
	Point
	*Named
	Radius int
}

func main() {
	c := Circle{Point{1, 2}, &Named{"c1"}, 5}
	fmt.Printf("%v\n", c.Point)
	fmt.Printf("%+v\n", c.Point)
	fmt.Printf("%#v\n", c.Point)
	fmt.Printf("%T %T\n", c, c.Named)
	d := Circle{Point: Point{3, 4}}
	fmt.Printf("%+v\n%#v\n", d, d)
	fmt.Println(c.X, c.Name, d.Radius)
}
