// A struct literal assigned to a named result is what the call returns, when
// assigned alone, with other results, from a deferred function or in a
// generic function (yaegi v0.16.1 returned the zero value instead).
package main

import (
	"errors"
	"fmt"
)

type point struct{ X, Y int }

type pair[K comparable, V any] struct {
	Key K
	Val V
}

func origin() (p point) {
	p = point{1, 2}
	return
}

func moved(dx int) (p point, ok bool) {
	p, ok = point{X: dx}, true
	p.Y = 5
	return
}

func reset() (p point, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = point{-1, -1}, errors.New(fmt.Sprint(r))
		}
	}()
	p = point{3, 4}
	panic("reset")
}

func mk[K comparable, V any](k K, v V) (p pair[K, V]) {
	p = pair[K, V]{k, v}
	return
}

func main() {
	fmt.Println(origin())
	for i := 0; i < 3; i++ {
		fmt.Println(moved(i))
	}
	fmt.Println(reset())
	for _, k := range []string{"a", "b"} {
		fmt.Println(mk(k, len(k)))
	}
}
