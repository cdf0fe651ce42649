package main

import (
	"errors"
	"fmt"
	"strconv"
)

type FieldError struct {
	Field string
}

func (e *FieldError) Error() string { return "invalid " + e.Field }

func validate(name, age string) error {
	var errs []error
	if name == "" {
		var err error = &FieldError{"name"}
		errs = append(errs, err)
	}
	if _, err := strconv.Atoi(age); err != nil {
		errs = append(errs, fmt.Errorf("age: %w", err))
	}
	return errors.Join(errs...)
}

func main() {
	err := validate("", "forty")
	fmt.Println(err)
	if fe, ok := errors.AsType[*FieldError](err); ok {
		fmt.Println("first bad field:", fe.Field)
	}
	if ne, ok := errors.AsType[*strconv.NumError](err); ok {
		fmt.Println("number error in", ne.Func, "for", strconv.Quote(ne.Num))
	}
	fmt.Println(validate("ann", "40") == nil)
}
