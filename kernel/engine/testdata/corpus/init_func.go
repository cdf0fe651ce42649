package main

import (
	"fmt"
)

var ready string

func init() {
	ready = "initialized"
}

func main() {
	fmt.Println(ready)
}
