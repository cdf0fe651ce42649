package main

import (
	"fmt"
)

// A Tour of Go, "Exercise: Errors": Sqrt returns an ErrNegativeSqrt for a
// negative number. Error converts to float64 before formatting (formatting
// e itself would call Error again, forever).

type ErrNegativeSqrt float64

func (e ErrNegativeSqrt) Error() string {
	return fmt.Sprintf("cannot Sqrt negative number: %v", float64(e))
}

func Sqrt(x float64) (float64, error) {
	if x < 0 {
		return 0, ErrNegativeSqrt(x)
	}
	z := 1.0
	for i := 0; i < 10; i++ {
		z -= (z*z - x) / (2 * z)
	}
	return z, nil
}

func main() {
	fmt.Println(Sqrt(2))
	fmt.Println(Sqrt(-2))
	if _, err := Sqrt(-9); err != nil {
		fmt.Printf("%v | %T | %q\n", err, err, err)
	}
	var errs []error
	for _, x := range []float64{4, -1, -16} {
		_, err := Sqrt(x)
		errs = append(errs, err)
	}
	fmt.Println(errs)
}
