package main

// A type switch on a value of static type error (not any): pointer and
// basic user error types, the standard library's, nil.

import (
	"errors"
	"fmt"
	"io"
	"os"
)

type PE struct{ K string }

func (e *PE) Error() string { return "pe " + e.K }

type Code int

func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }

func what(err error) string {
	switch e := err.(type) {
	case nil:
		return "no error"
	case *PE:
		return "PE " + e.K
	case Code:
		return fmt.Sprint("code ", int(e))
	case *os.PathError:
		return "path " + e.Op
	case fmt.Stringer:
		return "stringer"
	default:
		return "other " + e.Error()
	}
}

func main() {
	_, perr := os.Open("/nonexistent")
	for _, err := range []error{nil, &PE{"b"}, Code(4), perr, io.EOF, errors.New("x")} {
		fmt.Println(what(err))
	}
}
