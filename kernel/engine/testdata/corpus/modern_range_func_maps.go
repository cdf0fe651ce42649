package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	capitals := map[string]string{"France": "Paris", "Japan": "Tokyo", "Peru": "Lima"}

	var countries []string
	for country := range maps.Keys(capitals) {
		countries = append(countries, country)
	}
	slices.Sort(countries)
	fmt.Println(countries)

	letters := 0
	for _, city := range maps.All(capitals) {
		letters += len(city)
	}
	fmt.Println("letters in capitals:", letters)

	for _, k := range slices.Sorted(maps.Keys(capitals)) {
		fmt.Println(k, "->", capitals[k])
	}
}
