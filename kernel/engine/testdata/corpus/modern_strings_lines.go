package main

import (
	"fmt"
	"strings"
)

const poem = `The Road goes ever on and on
Down from the door where it began.
Now far ahead the Road has gone,
`

func main() {
	n := 0
	strings.Lines(poem)(func(line string) bool {
		n++
		fmt.Printf("%d: %q\n", n, strings.TrimRight(line, "\n"))
		return true
	})

	words := 0
	strings.FieldsSeq(poem)(func(string) bool {
		words++
		return true
	})
	fmt.Println("lines:", n, "words:", words)

	strings.SplitSeq("a,b,c,d", ",")(func(part string) bool {
		fmt.Print(part, " ")
		return part != "c"
	})
	fmt.Println()
}
