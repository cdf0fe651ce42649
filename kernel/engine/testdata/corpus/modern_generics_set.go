package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
)

type Set[T cmp.Ordered] struct {
	items map[T]struct{}
}

func NewSet[T cmp.Ordered](xs []T) *Set[T] {
	s := &Set[T]{items: map[T]struct{}{}}
	for _, x := range xs {
		s.Add(x)
	}
	return s
}

func (s *Set[T]) Add(x T)      { s.items[x] = struct{}{} }
func (s *Set[T]) Has(x T) bool { _, ok := s.items[x]; return ok }
func (s *Set[T]) Len() int     { return len(s.items) }
func (s *Set[T]) Items() []T   { return slices.Sorted(maps.Keys(s.items)) }

func main() {
	s := NewSet([]int{3, 1, 3, 2})
	s.Add(5)
	fmt.Println(s.Len(), s.Has(2), s.Has(4))
	fmt.Println(s.Items())

	names := NewSet([]string{"bob", "ann", "bob"})
	fmt.Println(names.Items())
}
