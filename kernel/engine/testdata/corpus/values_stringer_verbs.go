package main

import "fmt"

// The verbs that call String (%v %s %q %x %X) and those that do not (%d),
// with widths and flags applied to String's result.

type Tag string

func (t Tag) String() string { return "#" + string(t) }

type Code int

func (c Code) String() string { return fmt.Sprintf("C%03d", int(c)) }

func main() {
	t := Tag("go")
	fmt.Printf("[%v] [%s] [%q] [%x] [%X] [%8s] [%-8v] [%.2s]\n", t, t, t, t, t, t, t, t)
	c := Code(7)
	fmt.Printf("[%v] [%d] [%5d] [%x] [%08v] [%q]\n", c, c, c, c, c, c)
	fmt.Printf("%v %d\n", []Code{1, 2}, []Code{1, 2})
	fmt.Printf("%q\n", []Tag{"a", "b"})
	fmt.Printf("%t %f\n", c, c)
}
