package main

import (
	"errors"
	"fmt"
	"sync"
)

// Every kind of user type with methods, value and pointer receivers, in a
// type switch whose cases name interfaces: in a function, in goroutines,
// and at a cell's top level (main).

type Namer interface{ Name() string }

type S struct{ n string }
type M map[string]int
type L []string
type F func() string
type B uint8
type P struct{ id int }

func (s S) Name() string   { return "struct " + s.n }
func (m M) Name() string   { return fmt.Sprint("map of ", len(m)) }
func (l L) Name() string   { return fmt.Sprint("slice of ", len(l)) }
func (f F) Name() string   { return "func " + f() }
func (b B) String() string { return fmt.Sprint("B", int(b)) }
func (p *P) Name() string  { return fmt.Sprint("pointer ", p.id) }
func (p *P) Error() string { return fmt.Sprint("error ", p.id) }

func classify(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case Namer:
		return "namer: " + x.Name()
	case error:
		return "error: " + x.Error()
	case fmt.Stringer:
		return "stringer: " + x.String()
	case int, string:
		return fmt.Sprint("int or string: ", x)
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	values := []any{S{"x"}, M{"a": 1, "b": 2}, L{"p"}, F(func() string { return "hi" }), B(7), &P{3}, P{4},
		errors.New("plain"), 5, "s", nil, 2.5}
	for _, v := range values {
		fmt.Println(classify(v))
	}
	results := make([]string, len(values))
	var wg sync.WaitGroup
	for i, v := range values {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = classify(v)
		}()
	}
	wg.Wait()
	for i, r := range results {
		fmt.Println(i, r)
	}
	var n Namer = &P{9}
	switch e := n.(type) {
	case error:
		fmt.Println("namer that is an error:", e.Error())
	default:
		fmt.Println("just a namer")
	}
}
