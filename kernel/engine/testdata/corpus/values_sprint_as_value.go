package main

import (
	"fmt"
	"strings"
)

// fmt's functions used as values still find a cell's types in what they
// print: a value in an any, a struct or a pointer by its run-time type. (A
// named basic type passed straight to such a value, p(Color(1)), reads as
// its underlying value: the call carries no static types.)

type Color int

func (c Color) String() string { return [...]string{"red", "green", "blue"}[c] }

type Pixel struct {
	X, Y int
	C    Color
}

func (p Pixel) String() string { return fmt.Sprintf("%v@%d,%d", p.C, p.X, p.Y) }

func mapAll(xs []any, f func(...any) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	vals := []any{Color(0), Color(2), 7, Pixel{1, 2, 1}}
	fmt.Println(strings.Join(mapAll(vals, fmt.Sprint), ","))
	p := fmt.Println
	p(Pixel{3, 4, 2}, []Pixel{{0, 0, 0}}, &Pixel{5, 6, 1})
	sf := fmt.Sprintf
	fmt.Println(sf("%v|%+v|%T", Pixel{}, []any{Color(1)}, Pixel{}))
}
