package main

import (
	"cmp"
	"fmt"
	"strings"
)

type Number interface {
	~int | ~int64 | ~float64
}

func SumNumbers[K comparable, V Number](m map[K]V) V {
	var s V
	for _, v := range m {
		s += v
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}
func (s Stack[T]) String() string { return fmt.Sprintf("Stack%v", s.items) }

type Pair[K cmp.Ordered, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

type Miles float64

func MaxOf[T cmp.Ordered](first T, rest ...T) T {
	m := first
	for _, r := range rest {
		m = max(m, r)
	}
	return m
}

func main() {
	ints := map[string]int64{"first": 34, "second": 12}
	floats := map[string]float64{"first": 35.98, "second": 26.99}
	fmt.Printf("Generic Sums: %v and %v\n", SumNumbers(ints), SumNumbers(floats))
	fmt.Println(SumNumbers(map[int]Miles{1: 2.5, 2: 4}))
	words := Map([]string{"go", "is", "fun"}, strings.ToUpper)
	lens := Map(words, func(s string) int { return len(s) })
	fmt.Println(words, lens, Reduce(lens, 0, func(a, n int) int { return a + n }))
	var s Stack[string]
	s.Push("a")
	s.Push("b")
	fmt.Println(s)
	v, ok := s.Pop()
	fmt.Println(v, ok, s)
	ps := []Pair[string, int]{{"x", 1}, {"y", 2}}
	fmt.Println(ps, ps[0])
	fmt.Printf("%v %T\n", MaxOf(3, 9, 2), MaxOf(1.5, 0.5))
	fmt.Println(MaxOf("b", "a", "c"), MaxOf[Miles](1, 7.5))
}
