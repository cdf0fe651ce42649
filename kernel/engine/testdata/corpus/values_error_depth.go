package main

import (
	"errors"
	"fmt"
)

// Error methods at any depth, and errors in slices, maps and fields.

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

type Timeout struct{ Secs int }

func (e *Timeout) Error() string { return fmt.Sprintf("timeout after %ds", e.Secs) }

type Result struct {
	Key string
	Err error
}

func lookup(k string) error {
	switch k {
	case "a":
		return nil
	case "b":
		return NotFound{k}
	}
	return &Timeout{3}
}

func main() {
	var results []Result
	for _, k := range []string{"a", "b", "c"} {
		results = append(results, Result{k, lookup(k)})
	}
	fmt.Println(results)
	fmt.Printf("%+v\n", results)
	errs := []error{NotFound{"x"}, &Timeout{1}, nil, errors.New("plain")}
	fmt.Println(errs)
	fmt.Printf("%v|%s|%q\n", errs[0], errs[1], errs[0])
	byKey := map[string]error{"b": NotFound{"b"}, "c": &Timeout{9}}
	fmt.Println(byKey)
	fmt.Println(NotFound{"direct"}, &Timeout{2})
}
