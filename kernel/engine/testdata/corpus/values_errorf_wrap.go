package main

import (
	"errors"
	"fmt"
)

// fmt.Errorf with %w keeps its wrapping semantics for a cell's error
// types: errors.Is, errors.As and errors.Unwrap see through it, and the
// message prints the values as Go does.

type Op struct {
	Name string
	Args []int
}

func (o Op) String() string { return fmt.Sprintf("%s%v", o.Name, o.Args) }

type DivError struct{ N int }

func (e *DivError) Error() string { return fmt.Sprintf("divide %d by zero", e.N) }

var ErrOverflow = errors.New("overflow")

func div(a, b int) (int, error) {
	if b == 0 {
		return 0, &DivError{a}
	}
	if a > 1000 {
		return 0, ErrOverflow
	}
	return a / b, nil
}

func apply(op Op) error {
	_, err := div(op.Args[0], op.Args[1])
	if err != nil {
		return fmt.Errorf("apply %v: %w", op, err)
	}
	return nil
}

func main() {
	e1 := apply(Op{"div", []int{4, 0}})
	e2 := apply(Op{"div", []int{5000, 2}})
	fmt.Println(e1)
	fmt.Println(e2)
	var de *DivError
	fmt.Println(errors.As(e1, &de), de.N, errors.Is(e2, ErrOverflow), errors.Is(e1, ErrOverflow))
	fmt.Println(errors.Unwrap(e2) == ErrOverflow, errors.Unwrap(errors.Unwrap(e2)))
	both := fmt.Errorf("two: %w and %w", ErrOverflow, e1)
	fmt.Println(both, errors.Is(both, ErrOverflow))
	fmt.Printf("%T %T\n", e1, errors.New("x"))
	plain := fmt.Errorf("no wrap %v %d%%", Op{"add", []int{1}}, 50)
	fmt.Println(plain, errors.Unwrap(plain) == nil)
}
