package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

var ErrEmpty = errors.New("empty name")

func open(name string) error {
	if name == "" {
		return ErrEmpty
	}
	_, err := os.Open(name)
	return err
}

func main() {
	err := open("")
	fmt.Println(errors.Is(err, ErrEmpty), err)

	err = open("/definitely/not/here.txt")
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		fmt.Println("op:", pe.Op)
		fmt.Println("path:", pe.Path)
		fmt.Println("missing:", errors.Is(pe, fs.ErrNotExist))
	}
	_, ok := errors.AsType[*fs.PathError](ErrEmpty)
	fmt.Println(ok)
}
