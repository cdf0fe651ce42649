package main

import (
	"fmt"
)

func Map[T, U any](s []T, f func(T) U) []U {
	r := make([]U, 0, len(s))
	for _, v := range s {
		r = append(r, f(v))
	}
	return r
}

func Filter[T any](s []T, keep func(T) bool) []T {
	var r []T
	for _, v := range s {
		if keep(v) {
			r = append(r, v)
		}
	}
	return r
}

func main() {
	nums := []int{1, 2, 3, 4, 5}
	ev := Filter(nums, func(n int) bool { return n%2 == 0 })
	fmt.Println(ev, Map(ev, func(n int) string { return fmt.Sprint(n * n) }))
}
