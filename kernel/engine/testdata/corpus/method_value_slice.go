package main

import "fmt"

type Animal struct{ name, sound string }

func (a Animal) Speak() string { return a.name + " says " + a.sound }

func main() {
	dog := Animal{"dog", "woof"}
	cat := Animal{"cat", "meow"}
	speakers := []func() string{dog.Speak, cat.Speak}
	dog.sound = "grr"
	for _, s := range speakers {
		fmt.Println(s())
	}
	byName := map[string]func() string{"dog": dog.Speak}
	fmt.Println(byName["dog"]())
}
