package main

import "fmt"

// Named slice and map types.

type Celsius float64
type Point struct{ X, Y int }
type Path []Point
type Readings map[string]Celsius
type Grid [2][2]int
type Bytes []byte

func main() {
	p := Path{{1, 2}, {3, 4}}
	fmt.Printf("%T %v %#v\n", p, p, p)
	r := Readings{"kitchen": 21.5, "attic": 30}
	fmt.Printf("%T %v %#v\n", r, r, r)
	g := Grid{{1, 2}, {3, 4}}
	fmt.Printf("%T %v %#v\n", g, g, g)
	b := Bytes("hi")
	fmt.Printf("%T %v %s %x %q %#v\n", b, b, b, b, b, b)
	var none Path
	var empty Readings
	fmt.Printf("%#v %#v %v %v\n", none, empty, none, empty)
	fmt.Printf("%T\n", map[string]Path{})
}
