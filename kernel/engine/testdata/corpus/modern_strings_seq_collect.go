package main

import (
	"fmt"
	"slices"
	"strings"
)

func main() {
	csv := "name,age,city"
	fields := slices.Collect(strings.SplitSeq(csv, ","))
	fmt.Println(fields, len(fields))

	text := "  the quick  brown fox  jumps "
	words := slices.Sorted(strings.FieldsSeq(text))
	fmt.Println(words)

	lines := slices.Collect(strings.Lines("one\ntwo\nthree"))
	fmt.Printf("%q\n", lines)

	digits := slices.Collect(strings.FieldsFuncSeq("a1b22c333", func(r rune) bool {
		return r < '0' || r > '9'
	}))
	fmt.Println(digits)
}
