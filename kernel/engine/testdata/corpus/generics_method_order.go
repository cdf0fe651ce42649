package main

import "fmt"

// Methods of a generic type call methods declared after them, as Go allows.
type Stack[T any] struct{ items []T }

func (s *Stack[T]) PushAll(vs ...T) *Stack[T] {
	for _, v := range vs {
		s.push(v)
	}
	return s
}

func (s *Stack[T]) String() string { return fmt.Sprintf("%v (top %v)", s.items, s.top()) }

func (s *Stack[T]) push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) top() T { return s.items[len(s.items)-1] }

func main() {
	var s Stack[string]
	fmt.Println(s.PushAll("a", "b", "c"))
	n := (&Stack[int]{}).PushAll(1, 2)
	fmt.Println(n.top(), len(n.items))
}
