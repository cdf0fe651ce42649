package main

import "fmt"

func main() {
	var a [4]int
	for i := range a {
		a[i] = i * i
	}
	n := len(a)
	fmt.Println(a)
	fmt.Println(a[n])
}
