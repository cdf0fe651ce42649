package main

import (
	"fmt"
)

func describe(i interface{}) string {
	switch v := i.(type) {
	case int:
		return fmt.Sprintf("int %d", v)
	case string:
		return "string " + v
	case nil:
		return "nil"
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	fmt.Println(describe(1), describe("a"), describe(nil), describe(2.5))
}
