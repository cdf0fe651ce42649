// Named results start at their zero value on every call, also when the call
// is made again and again from a loop (yaegi v0.16.1 lets a named result
// start with what the same call site returned the previous time).
package main

import (
	"errors"
	"fmt"
	"iter"
	"strings"
)

func g(n int) (got []int, ok bool) {
	for i := range n {
		got = append(got, i)
	}
	ok = true
	return
}

type point struct{ X, Y int }

type acc struct{ base int }

func (a acc) sum(n int) (total int, parts []string) {
	for i := 0; i < n; i++ {
		total += a.base + i
		parts = append(parts, fmt.Sprint(i))
	}
	return
}

func kinds(n int) (s []int, m map[int]int, p point, i int, str string, err error, ptr *point) {
	s = append(s, n)
	if m == nil {
		m = map[int]int{}
	}
	m[n] = len(m)
	p.X += n
	i += n
	str += strings.Repeat("x", n)
	if err == nil {
		err = fmt.Errorf("call %d", n)
	} else {
		err = fmt.Errorf("%w again", err)
	}
	if ptr == nil {
		ptr = &point{Y: n}
	} else {
		ptr.Y += 100
	}
	return
}

func seq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	for _, k := range []int{2, 3} {
		fmt.Println(g(k))
	}
	for k := 1; k <= 3; k++ {
		fmt.Println(kinds(k))
	}
	for k := range 3 {
		fmt.Println(acc{base: 10}.sum(k))
	}
	collect := func(n int) (out []string, err error) {
		for i := 0; i < n; i++ {
			out = append(out, fmt.Sprint(i))
		}
		if n == 0 {
			err = errors.New("empty")
		}
		return
	}
	for k := range seq(3) {
		fmt.Println(collect(k))
	}
	fmt.Println(g(1))
	fmt.Println(g(2))
}
