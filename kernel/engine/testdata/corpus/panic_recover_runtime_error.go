package main

import (
	"fmt"
	"runtime"
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		_, isRuntime := r.(runtime.Error)
		fmt.Println(name, "recovered:", ok, isRuntime)
		if ok {
			fmt.Println("  message:", err.Error())
		}
	}()
	f()
}

func main() {
	var m map[string]int
	var p *struct{ X int }
	var v any = "str"
	zero := 0
	try("nil map", func() { m["a"] = 1 })
	try("nil pointer", func() { fmt.Println(p.X) })
	try("conversion", func() { fmt.Println(v.(int)) })
	try("divide", func() { fmt.Println(10 / zero) })
}
