package main

// The standard library's iterators (strings.SplitSeq, strings.Lines,
// strings.FieldsSeq: compiled functions returning iter.Seq) in a range over
// a function, with break.

import (
	"fmt"
	"strings"
)

func main() {
	for part := range strings.SplitSeq("a,b,c", ",") {
		if part == "c" {
			break
		}
		fmt.Println("part", part)
	}
	for line := range strings.Lines("one\ntwo\n") {
		fmt.Printf("%q\n", line)
	}
	words := 0
	for f := range strings.FieldsSeq("  the quick  brown fox ") {
		words++
		fmt.Print(strings.ToUpper(f[:1]), f[1:], " ")
	}
	fmt.Println(words)
}
