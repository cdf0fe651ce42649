package main

import "fmt"

// %T, %#v and %+v name a cell's struct types as Go does.

type Point struct{ X, Y int }

type Rect struct {
	Min, Max Point
	Label    string
}

type Vec struct{ X, Y int } // the same fields as Point: still its own type

func main() {
	p := Point{3, -4}
	fmt.Printf("%T %v %+v %#v\n", p, p, p, p)
	fmt.Printf("%T %v %+v %#v\n", &p, &p, &p, &p)
	r := Rect{Point{0, 0}, Point{2, 3}, "box"}
	fmt.Printf("%T\n%v\n%+v\n%#v\n", r, r, r, r)
	v := Vec{3, -4}
	fmt.Printf("%T %#v\n", v, v)
	fmt.Printf("%T %T %T\n", []Point{}, map[string]*Rect{}, [2]Vec{})
	fmt.Printf("%#v\n", []Point{{1, 2}, {3, 4}})
	fmt.Printf("%#v\n", map[string]Point{"o": {}})
	fmt.Printf("%v %d\n", []*Point{&p}[0] == &p, p)
}
