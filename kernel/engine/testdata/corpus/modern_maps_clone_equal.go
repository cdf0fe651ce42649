package main

import (
	"fmt"
	"maps"
)

func main() {
	defaults := map[string]string{"color": "blue", "size": "M"}
	settings := maps.Clone(defaults)
	settings["size"] = "L"
	fmt.Println(defaults, settings, maps.Equal(defaults, settings))

	overrides := map[string]string{"color": "red", "font": "mono"}
	maps.Copy(settings, overrides)
	fmt.Println(settings)

	maps.DeleteFunc(settings, func(k, v string) bool { return v == "mono" })
	fmt.Println(settings, len(settings))

	a := map[string]int{"x": 1}
	b := map[string]float64{"x": 1.0}
	fmt.Println(maps.EqualFunc(a, b, func(i int, f float64) bool { return float64(i) == f }))
}
