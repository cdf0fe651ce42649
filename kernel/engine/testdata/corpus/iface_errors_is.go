package main

import (
	"errors"
	"fmt"
)

type MyErr int

func (e MyErr) Error() string { return fmt.Sprintf("code %d", int(e)) }

func main() {
	err := MyErr(-2)
	wrapped := fmt.Errorf("context: %w", err)
	fmt.Println(errors.Is(wrapped, MyErr(-2)))
	fmt.Println(errors.Is(wrapped, MyErr(3)))
	fmt.Println(wrapped)
	var target MyErr
	fmt.Println(errors.As(wrapped, &target), int(target))
}
