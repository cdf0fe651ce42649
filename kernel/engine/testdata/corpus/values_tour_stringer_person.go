package main

import "fmt"

// A Tour of Go, "Stringers".

type Person struct {
	Name string
	Age  int
}

func (p Person) String() string {
	return fmt.Sprintf("%v (%v years)", p.Name, p.Age)
}

func main() {
	a := Person{"Arthur Dent", 42}
	z := Person{"Zaphod Beeblebrox", 9001}
	fmt.Println(a, z)
	fmt.Println([]Person{a, z})
	fmt.Printf("%s|%v|%+v|%#v\n", a, &z, []*Person{&a}[0], a)
}
