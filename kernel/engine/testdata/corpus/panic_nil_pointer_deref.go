package main

import "fmt"

func main() {
	var p *int
	x := 3
	fmt.Println(x)
	fmt.Println(*p + x)
}
