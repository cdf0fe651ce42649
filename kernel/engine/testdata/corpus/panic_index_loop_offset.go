package main

import "fmt"

func main() {
	a := []int{5, 2, 9, 1, 7}
	for i := 0; i < len(a); i++ {
		for j := 0; j < len(a)-1-i; j++ {
			if a[j] > a[j+1] {
				a[j], a[j+1] = a[j+1], a[j]
			}
		}
	}
	p := make([]int, len(a))
	copy(p, a)
	for i := 1; i < len(p); i++ {
		p[i] += p[i-1]
	}
	fmt.Println(a, p)
	for i := 0; i < len(a); i++ {
		fmt.Println(a[i+1] - a[i])
	}
}
