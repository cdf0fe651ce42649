package main

import "fmt"

type Acc struct {
	name string
	sum  int
}

func (a *Acc) Add(k int) int { a.sum += k; return a.sum }
func (a *Acc) Name() string  { return a.name }

type Namer interface{ Name() string }

func main() {
	var adds []func(int) int
	var names []func() string
	for _, n := range []string{"x", "y", "z"} {
		acc := &Acc{name: n}
		adds = append(adds, acc.Add)
		var nm Namer = acc
		names = append(names, nm.Name)
	}
	for i, add := range adds {
		fmt.Println(names[i](), add(i+1), add(10))
	}

	accs := []Acc{{name: "first"}, {name: "second"}}
	f := accs[0].Add // binds &accs[0]
	accs[0] = Acc{name: "replaced", sum: 100}
	fmt.Println(f(1), accs[0].sum)

	q := &Acc{name: "q"}
	g := q.Add
	q = &Acc{name: "other"}
	g(7)
	fmt.Println(q.sum, g(0))
}
