package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

func main() {
	p := Point{1, 2}
	add := p.Add
	p = Point{100, 200}
	r := add(Point{10, 20})
	fmt.Println(r.X, r.Y)
	fmt.Println(p.Add(Point{1, 1}).X)
}
