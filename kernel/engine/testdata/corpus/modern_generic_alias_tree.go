// Generic type aliases, constraints with methods, generic maps and trees,
// and an instantiated generic function value.
package main

import (
	"fmt"
	"strings"
)

type Set[T comparable] = map[T]struct{}

type Shower interface{ Show() string }

type Dog struct{ name string }

func (d Dog) Show() string { return "dog " + d.name }

func ShowAll[T Shower](xs []T) string {
	var parts []string
	for _, x := range xs {
		parts = append(parts, x.Show())
	}
	return strings.Join(parts, ", ")
}

type Number interface{ ~int | ~float64 }

func SumMap[K comparable, V Number](m map[K]V) V {
	var s V
	for _, v := range m {
		s += v
	}
	return s
}

type Tree[T any] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Walk(f func(T)) {
	if t == nil {
		return
	}
	t.Left.Walk(f)
	f(t.Val)
	t.Right.Walk(f)
}

func main() {
	s := Set[string]{"a": {}}
	fmt.Println(len(s))
	fmt.Println(ShowAll([]Dog{{"rex"}, {"fido"}}))
	fmt.Println(SumMap(map[string]float64{"a": 1.5, "b": 2}))
	t := &Tree[int]{Val: 2, Left: &Tree[int]{Val: 1}, Right: &Tree[int]{Val: 3}}
	t.Walk(func(v int) { fmt.Print(v, " ") })
	fmt.Println()
	fmt.Printf("%T %v\n", t.Left, *t.Left)
	f := SumMap[string, int]
	fmt.Println(f(map[string]int{"x": 2}))
}
