package main

// Generic types with methods (String on Pair[K, V], a generic Set), and
// ~ type-set constraints over named types.

import (
	"fmt"
	"sort"
)

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }

type Set[T comparable] struct{ m map[T]bool }

func NewSet[T comparable](xs ...T) *Set[T] {
	s := &Set[T]{m: map[T]bool{}}
	for _, x := range xs {
		s.Add(x)
	}
	return s
}

func (s *Set[T]) Add(x T)      { s.m[x] = true }
func (s *Set[T]) Has(x T) bool { return s.m[x] }
func (s *Set[T]) Len() int     { return len(s.m) }

type Meters float64
type Score int

type Numeric interface {
	~int | ~float64
}

func Total[T Numeric](xs []T) T {
	var t T
	for _, x := range xs {
		t += x
	}
	return t
}

func Scale[T Numeric](xs []T, k T) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = x * k
	}
	return out
}

func main() {
	p := MakePair("answer", 42)
	fmt.Println(p.String(), p)
	ps := []Pair[string, int]{{"b", 2}, {"a", 1}}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Key < ps[j].Key })
	for _, p := range ps {
		fmt.Print(p.String(), " ")
	}
	fmt.Println()
	s := NewSet("go", "rust", "go")
	fmt.Println(s.Len(), s.Has("go"), s.Has("c"))
	fmt.Println(Total([]Meters{1.5, 2.25}), Total([]Score{3, 4}))
	fmt.Println(Scale([]Score{1, 2, 3}, 10), float64(Total(Scale([]Meters{1, 2}, 0.5))))
}
