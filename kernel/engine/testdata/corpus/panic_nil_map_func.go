package main

import "fmt"

type Registry struct {
	names map[string]int
}

func (r *Registry) Add(name string) {
	r.names[name]++
}

func main() {
	r := &Registry{}
	fmt.Println("adding")
	r.Add("x")
	fmt.Println("not reached")
}
