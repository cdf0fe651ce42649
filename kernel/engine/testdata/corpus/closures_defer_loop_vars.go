package main

import (
	"fmt"
	"strings"
)

type item struct {
	name string
	n    int
}

func report(items []item) (out string) {
	var b strings.Builder
	defer func() { out = b.String() }()
	for i, it := range items {
		label := strings.ToUpper(it.name)
		defer func() { fmt.Fprintf(&b, "%d:%s:%d ", i, label, it.n) }()
	}
	return ""
}

func nested() {
	for i := 0; i < 2; i++ {
		for j := range 2 {
			defer func() { fmt.Println("nested", i, j) }()
		}
	}
}

func changedAfter() {
	for i := 0; i < 3; i++ {
		x := i * 10
		defer func() { fmt.Println("changed after", i, x) }()
		x++
	}
}

func recovers() {
	for _, name := range []string{"a", "b"} {
		defer func() {
			if r := recover(); r != nil {
				fmt.Println("recovered in", name, r)
			}
		}()
	}
	panic("boom")
}

func main() {
	fmt.Println(report([]item{{"x", 1}, {"y", 2}, {"z", 3}}))
	nested()
	changedAfter()
	recovers()
	for i := 0; i < 3; i++ {
		defer func(prefix string) { fmt.Println(prefix, i) }("main")
	}
}
