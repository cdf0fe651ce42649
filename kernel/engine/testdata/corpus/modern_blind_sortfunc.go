package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Person struct {
	Name string
	Age  int
}

func (p Person) String() string { return fmt.Sprintf("%s (%d)", p.Name, p.Age) }

func main() {
	fruits := []string{"peach", "banana", "kiwi"}
	lenCmp := func(a, b string) int { return cmp.Compare(len(a), len(b)) }
	slices.SortFunc(fruits, lenCmp)
	fmt.Println(fruits)

	people := []Person{{"Jax", 37}, {"TJ", 25}, {"Alex", 72}, {"Bo", 25}}
	slices.SortStableFunc(people, func(a, b Person) int { return cmp.Compare(a.Age, b.Age) })
	fmt.Println(people)
	slices.SortFunc(people, func(a, b Person) int {
		return cmp.Or(cmp.Compare(a.Age, b.Age), strings.Compare(a.Name, b.Name))
	})
	fmt.Println(people)
	i, found := slices.BinarySearchFunc(people, 37, func(p Person, age int) int { return cmp.Compare(p.Age, age) })
	fmt.Println(i, found, people[i])
	oldest := slices.MaxFunc(people, func(a, b Person) int { return cmp.Compare(a.Age, b.Age) })
	fmt.Printf("%v %+v %T\n", oldest, oldest, oldest)
	idx := slices.IndexFunc(people, func(p Person) bool { return strings.HasPrefix(p.Name, "T") })
	fmt.Println(idx, slices.ContainsFunc(people, func(p Person) bool { return p.Age > 70 }))
}
