package main

import "fmt"

// A String method with a pointer receiver is in *T's method set only:
// fmt calls it for *T values, not for T values, and for a nil *T the
// method runs with a nil receiver.

type Counter struct {
	Name string
	N    int
}

func (c *Counter) String() string {
	if c == nil {
		return "no counter"
	}
	return fmt.Sprintf("%s=%d", c.Name, c.N)
}

type Box struct{ C *Counter }

func main() {
	c := Counter{"hits", 3}
	fmt.Println(c)
	fmt.Println(&c)
	var none *Counter
	fmt.Println(none)
	fmt.Println([]*Counter{&c, none})
	fmt.Println([]Counter{c})
	fmt.Println(Box{&c}, Box{})
	fmt.Printf("%v %s %+v\n", &c, &c, c)
	m := map[string]*Counter{"x": &c}
	fmt.Println(len(m), m["x"])
}
