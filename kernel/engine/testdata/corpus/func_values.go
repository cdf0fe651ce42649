package main

import (
	"fmt"
)

func apply(f func(int) int, v int) int { return f(v) }

func main() {
	double := func(x int) int { return x * 2 }
	ops := map[string]func(int) int{"double": double, "neg": func(x int) int { return -x }}
	fmt.Println(apply(double, 4), ops["neg"](3))
}
