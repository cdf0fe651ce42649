// Named results with defer and recursion, called from loops: each call starts
// from zero values, and a deferred function still changes what is returned;
// an unnamed result after a recovered panic is zero.
package main

import (
	"errors"
	"fmt"
)

func wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("wrapped: %w", err)
}

func work(n int) (res []int, err error) {
	defer func() { err = wrap(err) }()
	for i := 0; i < n; i++ {
		res = append(res, i*i)
	}
	if n%2 == 1 {
		err = errors.New("odd")
	}
	return
}

func safe(n int) (v []int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	for i := 0; i < n; i++ {
		v = append(v, i)
	}
	if n == 2 {
		panic("two")
	}
	return
}

// walk collects a binary tree's node numbers below n, calling itself from a loop.
func walk(n, depth int) (seen []int, count int) {
	seen = append(seen, n)
	count++
	if depth == 0 {
		return
	}
	for _, c := range []int{2 * n, 2*n + 1} {
		s, k := walk(c, depth-1)
		seen = append(seen, s...)
		count += k
	}
	return
}

func fib(n int) (r int) {
	if n < 2 {
		r += n
		return
	}
	for _, k := range []int{1, 2} {
		r += fib(n - k)
	}
	return
}

func inner() (r []int) {
	r = append(r, 9)
	return
}

// outer returns inner's results: inner's r starts empty, not as outer's r.
func outer() (r []int) {
	r = append(r, 1)
	return inner()
}

// safeDiv's unnamed result is what a recovered panic leaves: zero.
func safeDiv(a, b int) int {
	defer func() { recover() }()
	return a / b
}

func counted(n int) (_ []int, ok bool) {
	ok = n > 0
	return
}

func main() {
	for k := 0; k < 4; k++ {
		res, err := work(k)
		fmt.Println(res, err)
	}
	for _, k := range []int{1, 2, 3} {
		fmt.Println(safe(k))
	}
	for d := range 3 {
		fmt.Println(walk(1, d))
	}
	for i := 0; i < 8; i++ {
		fmt.Print(fib(i), " ")
	}
	fmt.Println()
	for i := range 2 {
		fmt.Println(counted(i))
	}
	fmt.Println(outer())
	for _, b := range []int{1, 0, 3} {
		fmt.Print(safeDiv(6, b), " ")
	}
	fmt.Println()
	var x []int
	for i := 0; i < 3; i++ {
		add := func() (r []int, s string) {
			var local []int
			var str string
			local = append(local, i)
			str += "s"
			r = append(r, local...)
			s += str
			return
		}
		r, s := add()
		x = append(x, r...)
		fmt.Println(r, s, x)
	}
}
