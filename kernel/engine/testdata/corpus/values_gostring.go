package main

import "fmt"

// GoString is what %#v prints, at any depth; %v does not use it.

type Color struct{ R, G, B uint8 }

func (c Color) GoString() string { return fmt.Sprintf("Color(%d, %d, %d)", c.R, c.G, c.B) }

type Palette struct {
	Name   string
	Colors []Color
	Main   Color
}

type ID int

func (id ID) GoString() string { return fmt.Sprintf("ID(%d)", int(id)) }

func main() {
	red := Color{255, 0, 0}
	fmt.Printf("%v %#v\n", red, red)
	p := Palette{"warm", []Color{red, {255, 128, 0}}, red}
	fmt.Printf("%v\n%#v\n", p, p)
	fmt.Printf("%#v %#v %v\n", ID(7), []ID{1, 2}, ID(7))
	fmt.Printf("%#v\n", map[ID]Color{3: red})
}
