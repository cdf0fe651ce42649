package main

import (
	"fmt"
)

func main() {
	fmt.Println("before")
	var m map[string]int
	defer fmt.Println("deferred before crash")
	m["x"] = 1
}
