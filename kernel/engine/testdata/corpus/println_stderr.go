package main

import (
	"fmt"
)

func main() {
	println("this goes to stderr")
	fmt.Println("this goes to stdout")
}
