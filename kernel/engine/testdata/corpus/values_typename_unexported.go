package main

import "fmt"

// Unexported fields keep their names in %+v and %#v (the interpreter
// would show them with an X prefix).

type account struct {
	owner   string
	balance int
	Public  bool
}

type wrapper struct {
	inner account
	list  []account
}

func main() {
	a := account{"ann", 10, true}
	fmt.Printf("%v\n%+v\n%#v\n", a, a, a)
	w := wrapper{a, []account{{"bob", 2, false}}}
	fmt.Printf("%+v\n%#v\n", w, w)
	fmt.Printf("%T %T\n", a, w.list)
}
