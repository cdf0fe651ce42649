package main

import "fmt"

// Named basic types: %T is the type's name, %v and %#v print the value as
// its kind does.

type Celsius float64
type Name string
type Bits uint8
type Flag bool
type Count int

func main() {
	c, n, b, f, k := Celsius(21.5), Name("ann"), Bits(5), Flag(true), Count(-3)
	fmt.Printf("%T %T %T %T %T\n", c, n, b, f, k)
	fmt.Printf("%v %v %v %v %v\n", c, n, b, f, k)
	fmt.Printf("%#v %#v %#v %#v %#v\n", c, n, b, f, k)
	fmt.Printf("%.2f %q %08b %t %+d\n", c, n, b, f, k)
	fmt.Printf("%d|%s|%x\n", n, c, n)
	fmt.Println(c, n, b, f, k)
	fmt.Printf("%T %v\n", []Celsius{1, 2.5}, []Celsius{1, 2.5})
	fmt.Printf("%T %#v\n", map[Name]Count{"x": 1}, map[Name]Count{"x": 1})
}
