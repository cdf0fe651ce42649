package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Add(k int) { c.n += k }
func (c Counter) Get() int   { return c.n }

func main() {
	var c Counter
	(*Counter).Add(&c, 5)
	add := (*Counter).Add
	add(&c, 2)
	fmt.Println(Counter.Get(c))
	get := (*Counter).Get
	fmt.Println(get(&c))
}
