package main

import "fmt"

type Shape interface{ Area() float64 }

type Square float64
type Rect struct{ W, H float64 }

func (s Square) Area() float64 { return float64(s * s) }
func (r *Rect) Area() float64  { return r.W * r.H }

func total(shapes ...Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

func main() {
	var s Shape = Square(3)
	if sq, ok := s.(Square); ok {
		fmt.Println("square of side", float64(sq))
	}
	if _, ok := s.(*Rect); !ok {
		fmt.Println("not a rect")
	}
	fmt.Println(total(Square(2), &Rect{2, 3}))
	var a any = &Rect{1, 5}
	if sh, ok := a.(Shape); ok {
		fmt.Println("shape with area", sh.Area())
	}
}
