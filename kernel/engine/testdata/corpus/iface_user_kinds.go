package main

import "fmt"

type Namer interface{ Name() string }

type S struct{ n string }
type M map[string]int
type L []string
type F func() string
type B int

func (s S) Name() string { return "struct " + s.n }
func (m M) Name() string { return fmt.Sprint("map of ", len(m)) }
func (l L) Name() string { return fmt.Sprint("slice of ", len(l)) }
func (f F) Name() string { return "func " + f() }
func (b B) Name() string { return fmt.Sprint("basic ", int(b)) }

func main() {
	things := []Namer{S{"x"}, M{"a": 1, "b": 2}, L{"p"}, F(func() string { return "hi" }), B(7)}
	for _, t := range things {
		fmt.Println(t.Name())
	}
	for _, t := range things {
		switch v := t.(type) {
		case S:
			fmt.Println("S", v.n)
		case M:
			fmt.Println("M", v["a"])
		case L:
			fmt.Println("L", v[0])
		case F:
			fmt.Println("F", v())
		case B:
			fmt.Println("B", int(v)+1)
		}
	}
}
