// Sorting by functions: custom orders with slices.SortFunc and cmp.
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Person struct {
	name string
	age  int
}

func main() {
	fruits := []string{"peach", "banana", "kiwi"}

	lenCmp := func(a, b string) int {
		return cmp.Compare(len(a), len(b))
	}
	slices.SortFunc(fruits, lenCmp)
	fmt.Println(fruits)

	people := []Person{
		Person{name: "Jax", age: 37},
		Person{name: "TJ", age: 25},
		Person{name: "Alex", age: 72},
	}
	slices.SortFunc(people,
		func(a, b Person) int {
			return cmp.Compare(a.age, b.age)
		})
	fmt.Println(people)

	words := []string{"Banana", "apple", "Cherry", "date"}
	slices.SortFunc(words, func(a, b string) int {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
	fmt.Println(words)

	byAgeDesc := slices.Clone(people)
	slices.SortStableFunc(byAgeDesc, func(a, b Person) int {
		return cmp.Compare(b.age, a.age)
	})
	fmt.Println(byAgeDesc)

	oldest := slices.MaxFunc(people, func(a, b Person) int { return cmp.Compare(a.age, b.age) })
	fmt.Println("oldest:", oldest.name)

	idx, ok := slices.BinarySearchFunc(people, 37, func(p Person, age int) int { return cmp.Compare(p.age, age) })
	fmt.Println("age 37 at", idx, ok)
	fmt.Println(cmp.Or("", "default"), cmp.Less(1, 2))
}
