package main

import "fmt"

// Instances of generic types: %T and %#v name them with their type
// arguments, and a String method is called for a value passed to fmt
// directly. (Inside another value it is not: the interpreter cannot
// instantiate the type where the printer would call it.)

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

type Stack[T any] struct{ items []T }

func (s Stack[T]) String() string { return fmt.Sprintf("stack%v", s.items) }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

type Tree[T any] struct {
	Left, Right *Tree[T]
	Val         T
}

type Point struct{ X, Y int }

func main() {
	p := Pair[string, int]{"a", 1}
	fmt.Println(p, &p)
	fmt.Printf("%v %T %+v %s %d\n", p, p, p, p, p)
	var s Stack[Point]
	s.Push(Point{1, 2})
	fmt.Println(s, &s)
	fmt.Printf("%T %T\n", s, []Pair[int, bool]{})
	t := Tree[string]{Val: "root", Left: &Tree[string]{Val: "l"}}
	fmt.Printf("%T %+v %v\n", t, *t.Left, t.Right)
	fmt.Printf("%#v\n", Tree[int]{Val: 1})
}
