package main

import "fmt"

// Anonymous structs holding a cell's types.

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Point struct{ X, Y int }

func main() {
	r := struct {
		Where Point
		Temp  Celsius
		note  string
	}{Point{1, 2}, 21.5, "ok"}
	fmt.Printf("%v\n%+v\n%#v\n%T\n", r, r, r, r)
	list := []struct {
		P Point
		C Celsius
	}{{Point{}, 1}}
	fmt.Printf("%v %T\n", list, list)
}
