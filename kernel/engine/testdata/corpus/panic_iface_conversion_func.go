package main

import "fmt"

func asInt(v any) int {
	return v.(int)
}

func main() {
	fmt.Println(asInt(4))
	fmt.Println(asInt(2.5))
}
