package main

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
)

// Tree is a binary search tree whose All yields its values in order.
type Tree[T cmp.Ordered] struct {
	left, right *Tree[T]
	val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{val: v}
	}
	if v < t.val {
		t.left = t.left.Insert(v)
	} else {
		t.right = t.right.Insert(v)
	}
	return t
}

func (t *Tree[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) { t.walk(yield) }
}

func (t *Tree[T]) walk(yield func(T) bool) bool {
	return t == nil || t.left.walk(yield) && yield(t.val) && t.right.walk(yield)
}

func genFib() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 1, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func Enumerate[T any](s iter.Seq[T]) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		i := 0
		for v := range s {
			if !yield(i, v) {
				return
			}
			i++
		}
	}
}

func main() {
	var lst *Tree[int]
	for _, v := range []int{23, 10, 13} {
		lst = lst.Insert(v)
	}
	for e := range lst.All() {
		fmt.Println(e)
	}
	all := slices.Collect(lst.All())
	fmt.Println("all:", all)
	for n := range genFib() {
		if n >= 10 {
			break
		}
		fmt.Print(n, " ")
	}
	fmt.Println()
	for i, v := range Enumerate(lst.All()) {
		fmt.Printf("%d:%d ", i, v)
	}
	fmt.Println()
	ages := map[string]int{"b": 2, "a": 1, "c": 3}
	for _, k := range slices.Sorted(maps.Keys(ages)) {
		fmt.Print(k, "=", ages[k], " ")
	}
	fmt.Println()
	next, stop := iter.Pull(genFib())
	defer stop()
	for range 5 {
		v, ok := next()
		fmt.Print(v, ok, " ")
	}
	fmt.Println()
}
