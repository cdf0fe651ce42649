package main

import "fmt"

// A type switch on a value of static type error holding a struct value
// (not a pointer) of a user type.

type NF struct{ K string }

func (e NF) Error() string { return "nf " + e.K }

func what(err error) string {
	switch e := err.(type) {
	case NF:
		return "NF " + e.K
	default:
		return "other " + e.Error()
	}
}

func main() {
	fmt.Println(what(NF{"n"}))
}
