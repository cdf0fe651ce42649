package main

import (
	"errors"
	"fmt"
)

type QueryError struct {
	Query string
	Err   error
}

func (e *QueryError) Error() string { return e.Query + ": " + e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

var ErrTimeout = errors.New("timeout")

func run() error {
	return fmt.Errorf("run: %w", &QueryError{"select 1", ErrTimeout})
}

func main() {
	err := run()
	var qe *QueryError
	if errors.As(err, &qe) {
		fmt.Println("query error:", qe)
		fmt.Println(qe.Query)
	}
	fmt.Println(errors.Is(err, ErrTimeout))
	fmt.Println(err)
}
