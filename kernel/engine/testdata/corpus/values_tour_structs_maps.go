package main

import "fmt"

// A Tour of Go, "Struct Literals", "Maps" and "Map literals".

type Vertex struct {
	X, Y int
}

type Location struct {
	Lat, Long float64
}

var (
	v1 = Vertex{1, 2}
	v2 = Vertex{X: 1}
	v3 = Vertex{}
	p  = &Vertex{1, 2}
)

var m = map[string]Location{
	"Bell Labs": {40.68433, -74.39967},
	"Google":    {37.42202, -122.08408},
}

func main() {
	fmt.Println(v1, p, v2, v3)
	fmt.Println(m["Bell Labs"])
	fmt.Println(m)
	ms := map[string]Location{}
	ms["Answer"] = Location{42, 0}
	fmt.Println("The value:", ms["Answer"])
	delete(ms, "Answer")
	v, ok := ms["Answer"]
	fmt.Println("The value:", v, "Present?", ok)
}
