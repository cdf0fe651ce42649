// A generic stack and Map/Filter/Reduce helpers.
package main

import (
	"fmt"
	"strconv"
)

type Stack[T any] struct {
	items []T
}

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

func (s *Stack[T]) Len() int { return len(s.items) }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
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

func main() {
	var s Stack[string]
	s.Push("a")
	s.Push("b")
	fmt.Println(s.Len())
	for s.Len() > 0 {
		v, _ := s.Pop()
		fmt.Println("pop", v)
	}
	v, ok := s.Pop()
	fmt.Printf("%q %v\n", v, ok)

	nums := []int{1, 2, 3, 4, 5, 6}
	evens := Filter(nums, func(n int) bool { return n%2 == 0 })
	strs := Map(evens, strconv.Itoa)
	fmt.Println(evens, strs)
	fmt.Println(Reduce(nums, 0, func(a, n int) int { return a + n }))
	fmt.Println(Reduce(strs, "", func(a string, s string) string { return a + s }))
}
