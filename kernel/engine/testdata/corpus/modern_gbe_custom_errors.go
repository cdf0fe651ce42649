// Custom errors: a struct type implementing error, found with errors.As and
// with Go 1.26's errors.AsType.
package main

import (
	"errors"
	"fmt"
)

type argError struct {
	arg     int
	message string
}

func (e *argError) Error() string {
	return fmt.Sprintf("%d - %s", e.arg, e.message)
}

func f(arg int) (int, error) {
	if arg == 42 {
		return -1, &argError{arg, "can't work with it"}
	}
	return arg + 3, nil
}

func main() {
	_, err := f(42)
	var ae *argError
	if errors.As(err, &ae) {
		fmt.Println(ae.arg)
		fmt.Println(ae.message)
	} else {
		fmt.Println("err doesn't match argError")
	}

	if e, ok := errors.AsType[*argError](err); ok {
		fmt.Println("AsType:", e.arg, e)
	}

	r, err := f(7)
	if _, ok := errors.AsType[*argError](err); !ok {
		fmt.Println("no argError for 7, result", r)
	}
	fmt.Println(err == nil, err)

	_, err = f(42)
	fmt.Println("error:", err)
}
