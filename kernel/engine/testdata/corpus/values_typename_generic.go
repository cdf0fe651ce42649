package main

import "fmt"

// Instances of generic types are named with their type arguments.

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

type Point struct{ X, Y int }

func main() {
	p := Pair[string, int]{"a", 1}
	fmt.Printf("%T %v %+v %#v\n", p, p, p, p)
	q := Pair[Point, []float64]{Point{1, 2}, []float64{0.5}}
	fmt.Printf("%T\n%#v\n", q, q)
	var s Stack[int]
	s.Push(1)
	s.Push(2)
	fmt.Printf("%T %v %+v\n", s, s, s)
	fmt.Printf("%T\n", &s)
	ps := []Pair[string, bool]{{"x", true}}
	fmt.Printf("%T %v\n", ps, ps)
}
