package main

import (
	"errors"
	"fmt"
)

var ErrBoom = errors.New("boom")

func explode(v any) (got any) {
	defer func() {
		got = recover()
	}()
	panic(v)
}

func main() {
	r := explode(ErrBoom)
	err, ok := r.(error)
	fmt.Println(ok, err, errors.Is(err, ErrBoom))
	s := explode("text")
	str, ok := s.(string)
	fmt.Println(ok, str)
	n := explode(42)
	i, ok := n.(int)
	fmt.Println(ok, i+1)
}
