package main

import "fmt"

func check(n int) {
	fmt.Println("checking", n)
	if n > 2 {
		panic(fmt.Sprintf("bad n %d", n))
	}
}

func run() {
	check(1)
	check(5)
}

func main() {
	run()
}
