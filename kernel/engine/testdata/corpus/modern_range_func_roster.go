package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Student struct {
	Name  string
	Grade int
}

func main() {
	grades := map[string]int{"zoe": 91, "ali": 78, "max": 85}
	var roster []Student
	for name, g := range maps.All(grades) {
		roster = append(roster, Student{strings.ToUpper(name[:1]) + name[1:], g})
	}
	slices.SortFunc(roster, func(a, b Student) int { return b.Grade - a.Grade })
	for i, s := range slices.All(roster) {
		fmt.Printf("%d. %-4s %d\n", i+1, s.Name, s.Grade)
	}
	best := slices.Sorted(maps.Values(grades))
	fmt.Println(best[len(best)-1])
}
