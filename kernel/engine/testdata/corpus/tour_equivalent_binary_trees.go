package main

import "fmt"

// Tree is the Tour's tree.Tree (golang.org/x/tour/tree), written out here.
type Tree struct {
	Left  *Tree
	Value int
	Right *Tree
}

// New returns a binary search tree holding k, 2k, ..., 10k, inserted in a
// fixed shuffled order (the Tour's is random).
func New(k int) *Tree {
	var t *Tree
	for _, v := range []int{7, 3, 9, 1, 5, 10, 2, 8, 4, 6} {
		t = insert(t, v*k)
	}
	return t
}

func insert(t *Tree, v int) *Tree {
	if t == nil {
		return &Tree{nil, v, nil}
	}
	if v < t.Value {
		t.Left = insert(t.Left, v)
	} else {
		t.Right = insert(t.Right, v)
	}
	return t
}

func Walk(t *Tree, ch chan int) {
	defer close(ch)
	var walk func(t *Tree)
	walk = func(t *Tree) {
		if t == nil {
			return
		}
		walk(t.Left)
		ch <- t.Value
		walk(t.Right)
	}
	walk(t)
}

func Same(t1, t2 *Tree) bool {
	c1, c2 := make(chan int), make(chan int)
	go Walk(t1, c1)
	go Walk(t2, c2)
	for {
		v1, ok1 := <-c1
		v2, ok2 := <-c2
		if ok1 != ok2 || v1 != v2 {
			return false
		}
		if !ok1 {
			return true
		}
	}
}

func main() {
	ch := make(chan int)
	go Walk(New(1), ch)
	for v := range ch {
		fmt.Print(v, " ")
	}
	fmt.Println()
	fmt.Println(Same(New(1), New(1)))
	fmt.Println(Same(New(1), New(2)))
}
