package main

import (
	"fmt"
	"time"
)

// A Tour of Go, "Errors" (with a fixed time, so the output is the same
// every run).

type MyError struct {
	When time.Time
	What string
}

func (e *MyError) Error() string {
	return fmt.Sprintf("at %v, %s", e.When, e.What)
}

func run() error {
	return &MyError{
		time.Date(2009, 11, 10, 23, 0, 0, 0, time.UTC),
		"it didn't work",
	}
}

func main() {
	if err := run(); err != nil {
		fmt.Println(err)
		fmt.Printf("%T\n", err)
	}
}
