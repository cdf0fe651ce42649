package main

import "fmt"

func safeGet(s []int, i int) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("safeGet: %v", r)
		}
	}()
	return s[i], nil
}

func main() {
	fmt.Println(safeGet([]int{1, 2, 3}, 1))
	fmt.Println(safeGet([]int{1, 2, 3}, 3))
	fmt.Println(safeGet(nil, 0))
}
