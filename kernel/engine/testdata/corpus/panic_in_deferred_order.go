package main

import "fmt"

func main() {
	defer fmt.Println("deferred 1")
	defer func() {
		fmt.Println("deferred 2 sees panic")
	}()
	var arr []int
	fmt.Println(len(arr))
	_ = arr[0]
}
