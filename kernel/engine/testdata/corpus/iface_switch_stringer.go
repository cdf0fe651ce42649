package main

import "fmt"

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

func show(v any) string {
	switch s := v.(type) {
	case fmt.Stringer:
		return "stringer " + s.String()
	default:
		return "plain"
	}
}

func main() {
	fmt.Println(show(Celsius(21.5)))
	fmt.Println(show(Point{1, 2}))
	fmt.Println(show(7))
}
