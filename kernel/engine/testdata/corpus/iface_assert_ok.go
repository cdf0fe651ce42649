package main

import (
	"fmt"
	"io"
	"strings"
)

type Temp int

func (t Temp) Error() string { return fmt.Sprintf("temp %d", int(t)) }

func main() {
	var e any = Temp(3)
	err, ok := e.(error)
	fmt.Println(ok, err.Error())
	_, ok = e.(fmt.Stringer)
	fmt.Println(ok)
	var r any = strings.NewReader("abc")
	_, ok = r.(io.Reader)
	fmt.Println(ok)
	_, ok = r.(io.Writer)
	fmt.Println(ok)
}
