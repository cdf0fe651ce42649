package main

import "fmt"

// A plain int and a value of a user type whose underlying type is int,
// both in an interface: Go tells them apart in a type switch.

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

func kind(v any) string {
	switch x := v.(type) {
	case error:
		return "error " + x.Error()
	case int:
		return fmt.Sprint("int ", x)
	}
	return "other"
}

func main() {
	fmt.Println(kind(Code(404)))
	fmt.Println(kind(42))
}
