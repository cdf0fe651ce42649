package main

import (
	"fmt"
)

type Point struct{ X, Y int }

func main() {
	p := Point{1, 2}
	fmt.Printf("%v %+v %#v %T\n", p, p, p, p)
	fmt.Printf("%d %x %o %b %08.3f %e\n", 42, 255, 8, 5, 3.14159, 1234.5678)
	fmt.Printf("%q %s %10s| %-5s| %c %U\n", "hi", "s", "right", "left", 'G', 'G')
	fmt.Printf("%t %p\n", true, nil)
	fmt.Printf("%5.2f%%\n", 99.5)
}
