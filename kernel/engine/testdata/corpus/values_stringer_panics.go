package main

import "fmt"

// fmt catches a panic in a String method and prints it; a value method
// called through a nil pointer prints as <nil>.

type Fragile struct{ seen map[string]bool }

func (f Fragile) String() string {
	f.seen["printed"] = true // a nil map: panics
	return "fragile"
}

type Node struct {
	Name string
	Next *Node
}

func (n Node) String() string { return "node " + n.Name }

type Picky int

func (p Picky) Error() string {
	if p < 0 {
		panic(fmt.Sprintf("negative %d", int(p)))
	}
	return fmt.Sprint("picky ", int(p))
}

func main() {
	fmt.Println(Fragile{})
	fmt.Println([]Fragile{{}, {map[string]bool{}}})
	var n *Node
	fmt.Println(n)
	fmt.Println(&Node{Name: "a"})
	fmt.Println([]*Node{nil})
	fmt.Printf("%v|%s\n", Picky(-1), Picky(2))
	fmt.Println([]error{Picky(1), Picky(-3)})
	fmt.Println("still running")
}
