package main

import (
	"fmt"
	"strings"
)

const log = `INFO start
WARN disk 91%
INFO tick
ERROR disk full
`

func main() {
	levels := map[string]int{}
	for line := range strings.Lines(log) {
		level, _, _ := strings.Cut(line, " ")
		levels[level]++
	}
	fmt.Println(levels)

	for field := range strings.FieldsSeq("go  is   fun") {
		fmt.Printf("[%s]", field)
	}
	fmt.Println()

	for part := range strings.SplitSeq("2024-06-01", "-") {
		fmt.Println(part)
	}
}
