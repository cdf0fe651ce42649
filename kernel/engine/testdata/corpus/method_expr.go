package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }
func (p Point) Scale(k int) Point { return Point{p.X * k, p.Y * k} }

func main() {
	a, b := Point{1, 2}, Point{3, 4}
	c := Point.Add(a, b)
	fmt.Println(c.X, c.Y)
	scale := Point.Scale
	d := scale(a, 10)
	fmt.Println(d.X, d.Y)
}
