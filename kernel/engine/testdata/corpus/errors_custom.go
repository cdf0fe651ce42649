package main

import (
	"errors"
	"fmt"
)

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

func do() error { return &MyErr{404} }

func main() {
	err := do()
	var me *MyErr
	if errors.As(err, &me) {
		fmt.Println("as:", me.Code)
	}
	fmt.Println(err)
}
