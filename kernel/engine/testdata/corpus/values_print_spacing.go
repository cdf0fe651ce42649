package main

import (
	"fmt"
	"os"
	"strings"
)

// Print adds spaces between operands when neither is a string; a named
// string type counts as a string. Sprint, Fprint and Append behave alike.

type Name string
type Age int

func (a Age) String() string { return fmt.Sprintf("%dy", int(a)) }

func main() {
	fmt.Print(Name("ann"), Age(3), Age(4), "x", 5, 6, Name("b"), "\n")
	s := fmt.Sprint(Age(1), Age(2), "-", Name("c"), 7)
	fmt.Println(s, len(s))
	fmt.Fprint(os.Stdout, Age(9), Age(10), "\n")
	fmt.Fprintln(os.Stdout, Age(9), Name("n"))
	fmt.Fprintf(os.Stdout, "%v|%v\n", Age(1), Name("m"))
	var b strings.Builder
	fmt.Fprintf(&b, "%s and %v", Name("x"), Age(2))
	fmt.Println(b.String())
	buf := fmt.Append(nil, Age(5), Age(6))
	buf = fmt.Appendf(buf, " %v", Age(7))
	buf = fmt.Appendln(buf, "", Age(8))
	fmt.Print(string(buf))
}
