package main

import "fmt"

// %T and %#v of values held in interfaces name their dynamic types.

type Animal interface{ Sound() string }

type Dog struct{ Name string }
type Cat struct{ Lives int }

func (Dog) Sound() string  { return "woof" }
func (*Cat) Sound() string { return "meow" }

type Kennel struct {
	Pets  []Animal
	Guard Animal
}

func main() {
	var a Animal = Dog{"rex"}
	fmt.Printf("%T %v %+v %#v\n", a, a, a, a)
	a = &Cat{9}
	fmt.Printf("%T %+v\n", a, a)
	pets := []Animal{Dog{"a"}, &Cat{3}}
	fmt.Printf("%T %v %+v\n", pets, pets[:1], pets[:1])
	k := Kennel{Pets: pets}
	fmt.Printf("%+v\n%#v\n", k.Guard, k.Guard)
	for _, p := range pets {
		fmt.Printf("%T says %s\n", p, p.Sound())
	}
	var anything any = Dog{"b"}
	fmt.Printf("%T %#v\n", anything, anything)
	xs := []any{Dog{"c"}, 1, "s", 2.5, nil}
	fmt.Printf("%#v\n", xs)
}
