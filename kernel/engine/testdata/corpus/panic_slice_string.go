package main

import (
	"fmt"
	"strings"
)

func field(line string, from, to int) string {
	return line[from:to]
}

func main() {
	line := "name=gopher"
	eq := strings.Index(line, "=")
	fmt.Println(field(line, 0, eq), field(line, eq+1, len(line)))
	rest := line[eq+1:]
	fmt.Println(rest[:3], rest[3:])
	fmt.Println(field(line, eq+1, 20))
}
