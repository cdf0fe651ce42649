package main

import "fmt"

func main() {
	a := []int{0, 1, 2, 3, 4, 5}
	b := a[1:3:4]
	fmt.Println(b, len(b), cap(b))
	b = append(b, 9)
	fmt.Println(a)
	try := func(lo, hi, max int) {
		defer func() {
			if r := recover(); r != nil {
				fmt.Println("recovered:", r)
			}
		}()
		c := a[lo:hi:max]
		fmt.Println(c, len(c), cap(c))
	}
	try(0, 2, 2)
	try(0, 2, 9)
	try(0, 4, 3)
	try(3, 2, 4)
	lo, hi, max := 1, 2, 7
	fmt.Println(a[lo:hi:max])
}
