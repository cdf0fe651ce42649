package main

import (
	"fmt"
)

func main() {
	var fs []func()
	for _, s := range []string{"x", "y", "z"} {
		fs = append(fs, func() { fmt.Println(s) })
	}
	for _, f := range fs {
		f()
	}
}
