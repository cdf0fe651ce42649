package main

import "fmt"

func get(s []int, i int) int {
	fmt.Println("get", i)
	return s[i]
}

func sum(s []int) int {
	t := 0
	for i := 0; i <= len(s); i++ {
		t += get(s, i)
	}
	return t
}

func main() {
	fmt.Println(sum([]int{10, 20, 30}))
}
