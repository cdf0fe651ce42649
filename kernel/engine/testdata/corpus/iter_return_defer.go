package main

// A return inside a range-over-func body returns from the enclosing
// function, with its results; a defer in the body belongs to the enclosing
// function and runs when it returns, in Go's order; recover in a deferred
// func literal of the body stops a panic of the function.

import (
	"errors"
	"fmt"
)

func Count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func find(target int) (int, error) {
	for x := range Count(10) {
		if x == target {
			return x * 100, nil
		}
	}
	return -1, errors.New("not found")
}

func digits(limit int) (s string) {
	for x := range Count(10) {
		s += fmt.Sprint(x)
		if x == limit {
			return
		}
	}
	return "all"
}

func order() {
	defer fmt.Println("deferred before the loop")
	for x := range Count(5) {
		defer fmt.Println("deferred in the body:", x)
		if x == 2 {
			break
		}
	}
	defer fmt.Println("deferred after the loop")
	fmt.Println("order returns")
}

type account struct{ log []string }

func (a *account) note(s string) { a.log = append(a.log, s) }

func receivers() {
	var a account
	defer func() { fmt.Println("log:", a.log) }()
	for x := range Count(3) {
		defer a.note(fmt.Sprint("n", x))
		show := func() { fmt.Println("closure sees", x) }
		defer show()
	}
}

func safe() (err error) {
	for x := range Count(2) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("recovered %v (deferred at %d)", r, x)
			}
		}()
	}
	panic("boom")
}

func main() {
	fmt.Println(find(7))
	fmt.Println(find(70))
	fmt.Println(digits(4), digits(20))
	order()
	receivers()
	fmt.Println(safe())
}
