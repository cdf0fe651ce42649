package main

import (
	"cmp"
	"fmt"
	"slices"
)

type City struct {
	Name       string
	Population int
}

func main() {
	temps := []float64{21.5, 19.0, 25.25, 18.75}
	fmt.Println("min", slices.Min(temps), "max", slices.Max(temps))

	cities := []City{{"Lyon", 522}, {"Paris", 2103}, {"Nice", 342}, {"Lille", 236}}
	byPop := func(a, b City) int { return cmp.Compare(a.Population, b.Population) }
	fmt.Println("largest:", slices.MaxFunc(cities, byPop).Name)
	fmt.Println("smallest:", slices.MinFunc(cities, byPop).Name)

	defer func() {
		fmt.Println("recovered:", recover())
	}()
	var none []int
	fmt.Println(slices.Max(none))
}
