package main

import (
	"errors"
	"fmt"
)

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case error:
		return "error: " + x.Error()
	case int:
		return fmt.Sprint("int ", x)
	default:
		return "other"
	}
}

func main() {
	fmt.Println(describe(NotFound{"k"}))
	fmt.Println(describe(&NotFound{"p"}))
	fmt.Println(describe(errors.New("plain")))
	fmt.Println(describe(3))
	fmt.Println(describe(nil))
	fmt.Println(describe("s"))
}
