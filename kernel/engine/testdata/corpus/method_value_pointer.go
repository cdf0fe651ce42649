package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

func main() {
	var c Counter
	inc := c.Inc
	inc()
	inc()
	fmt.Println(c.n)
	d := &Counter{n: 10}
	f := d.Inc
	d = &Counter{}
	f()
	fmt.Println(d.n)
}
