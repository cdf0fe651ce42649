package main

import "fmt"

// Map keys print sorted by their values (not by what String returns), and
// keys and values both go through String.

type Weekday int

func (d Weekday) String() string {
	return [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}[d]
}

type Pos struct{ X, Y int }

func (p Pos) String() string { return fmt.Sprintf("<%d,%d>", p.X, p.Y) }

func main() {
	hours := map[Weekday]int{6: 2, 1: 8, 3: 7, 0: 1}
	fmt.Println(hours)
	grid := map[Pos]string{{2, 1}: "b", {1, 5}: "a", {1, 2}: "c"}
	fmt.Println(grid)
	fmt.Printf("%v|%+v\n", grid, grid)
	names := map[string]Weekday{"z": 0, "a": 5}
	fmt.Println(names)
}
