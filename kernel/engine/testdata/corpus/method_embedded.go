package main

import "fmt"

type Base struct{ id int }

func (b Base) Describe() string { return fmt.Sprint("base ", b.id) }

type Derived struct {
	Base
	name string
}

func main() {
	d := Derived{Base{7}, "d"}
	fmt.Println(d.Describe())
	desc := d.Describe
	d.id = 8
	fmt.Println(desc(), d.Describe())
}
