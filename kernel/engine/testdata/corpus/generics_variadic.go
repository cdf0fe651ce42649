package main

// Type parameters that only variadic parameters mention.

import (
	"cmp"
	"fmt"
)

func MaxOf[T cmp.Ordered](xs ...T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		if x > m {
			m = x
		}
	}
	return m
}

func Count[T any](xs ...T) int { return len(xs) }

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Join[T fmt.Stringer](sep string, xs ...T) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += sep
		}
		s += x.String()
	}
	return s
}

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func main() {
	fmt.Println(MaxOf(3, 9, 2))
	fmt.Println(MaxOf("pear", "apple", "zucchini"))
	fmt.Println(MaxOf(2.5, -1, 7.25))
	fmt.Println(Count(1, 2, 3), Count("a"), Count[bool]())
	fmt.Println(Sum(1, 2, 3, 4), Sum(0.5, 0.25))
	fmt.Println(Sum(Celsius(20), Celsius(1.5)).String())
	fmt.Println(Join(", ", Celsius(21), Celsius(-3.5)))
	xs := []int{4, 8, 1}
	fmt.Println(MaxOf(xs...), Count(xs...))
}
