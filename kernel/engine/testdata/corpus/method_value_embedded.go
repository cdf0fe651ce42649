package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc()          { c.n++ }
func (c Counter) Get() int       { return c.n }
func (c *Counter) Add(k int) int { c.n += k; return c.n }

type Named struct {
	Counter
	name string
}

type Boxed struct {
	*Counter
}

func main() {
	var a Named
	inc := a.Inc // binds &a.Counter
	get := a.Get // copies a.Counter now
	inc()
	inc()
	fmt.Println(a.n, get())

	b := Boxed{&Counter{n: 5}}
	add := b.Add // binds the pointer b.Counter holds now
	b.Counter = &Counter{n: 100}
	fmt.Println(add(1), b.n)

	p := &Named{name: "p"}
	getp := p.Get // copies p.Counter now, through the pointer
	p.Inc()
	fmt.Println(getp(), p.Get())
}
