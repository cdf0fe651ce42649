package main

import "fmt"

// A plain int and a value of a user type whose underlying type is int,
// both in an interface: Go tells them apart in a type switch. And a value
// of a basic user type put in an any by a composite literal or a var is
// still of its type for a type switch and an assertion.

type Shape interface{ Area() float64 }

type Square float64

func (s Square) Area() float64 { return float64(s * s) }

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
	for _, v := range []any{Square(3), Code(1)} {
		_, ok := v.(Shape)
		fmt.Println("shape:", ok)
	}
	var a any = Square(2)
	switch x := a.(type) {
	case Shape:
		fmt.Println("a shape of area", x.Area())
	default:
		fmt.Println("no shape")
	}
}
