package main

import (
	"fmt"
	"strings"
)

// A Format method sees the verb, the flags, the width and the precision,
// and is called at any depth.

type Money int64 // cents

func (m Money) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		s := fmt.Sprintf("$%d.%02d", m/100, m%100)
		if w, ok := f.Width(); ok && len(s) < w {
			pad := strings.Repeat(" ", w-len(s))
			if f.Flag('-') {
				s += pad
			} else {
				s = pad + s
			}
		}
		if f.Flag('+') {
			s = "+" + s
		}
		fmt.Fprint(f, s)
	case 'd':
		fmt.Fprintf(f, "%d", int64(m))
	default:
		fmt.Fprintf(f, "%%!%c(Money)", verb)
	}
}

type Line struct {
	Item  string
	Price Money
}

func main() {
	fmt.Println(Money(1234))
	fmt.Printf("[%v] [%10v] [%-10v] [%+v] [%d] [%x]\n", Money(5), Money(5), Money(5), Money(5), Money(5), Money(5))
	lines := []Line{{"tea", 350}, {"cake", 1299}}
	fmt.Println(lines)
	fmt.Printf("%+v\n", lines)
	fmt.Printf("%8v|\n", []Money{1, 20})
	fmt.Println(map[string]Money{"total": 1649})
}
