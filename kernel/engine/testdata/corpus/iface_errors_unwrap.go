package main

import (
	"errors"
	"fmt"
)

var ErrBase = errors.New("base")

type wrap struct {
	msg string
	err error
}

func (w wrap) Error() string { return w.msg + ": " + w.err.Error() }
func (w wrap) Unwrap() error { return w.err }

func main() {
	w := fmt.Errorf("outer: %w", ErrBase)
	fmt.Println(errors.Unwrap(w) == ErrBase)
	mine := wrap{"mine", ErrBase}
	fmt.Println(errors.Unwrap(mine) == ErrBase)
	fmt.Println(errors.Is(mine, ErrBase))
	fmt.Println(errors.Unwrap(ErrBase) == nil)
}
