// strings.Lines, strings.SplitSeq and strings.FieldsSeq (Go 1.24).
package main

import (
	"fmt"
	"strings"
)

func main() {
	text := "first line\nsecond line\n\nlast, no newline"
	n := 0
	for line := range strings.Lines(text) {
		n++
		fmt.Printf("%d %q\n", n, line)
	}

	for part := range strings.SplitSeq("a,b,,c", ",") {
		fmt.Printf("[%s]", part)
	}
	fmt.Println()

	count := 0
	for w := range strings.FieldsSeq("  the quick   brown fox ") {
		count++
		fmt.Println(w)
	}
	fmt.Println("words:", count)

	for w := range strings.FieldsFuncSeq("a1b22c333", func(r rune) bool { return r >= '0' && r <= '9' }) {
		fmt.Print(w, " ")
	}
	fmt.Println()
}
