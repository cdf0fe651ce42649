package main

import "fmt"

func initial(name string) byte {
	return name[0]
}

func main() {
	fmt.Println(string(initial("Gopher")))
	fmt.Println(string(initial("")))
}
