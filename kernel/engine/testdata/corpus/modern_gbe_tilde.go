// Constraints with ~: functions that accept named types whose underlying
// type is in the set.
package main

import "fmt"

type Number interface {
	~int | ~int64 | ~float64
}

type Celsius float64
type Meters int

type Scores []int

func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func Double[S ~[]E, E Number](s S) S {
	out := make(S, len(s))
	for i, v := range s {
		out[i] = v * 2
	}
	return out
}

func Max[T ~int | ~float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func main() {
	fmt.Println(Sum([]int{1, 2, 3}))
	fmt.Println(Sum([]float64{1.5, 2.25}))
	temps := []Celsius{20.5, 22, 19.5}
	fmt.Println(Sum(temps))
	fmt.Printf("%.1f\n", Sum(temps)/Celsius(len(temps)))

	d := Double(Scores{4, 5, 6})
	fmt.Println(d, len(d))
	fmt.Printf("%T\n", d)

	fmt.Println(Max(Meters(3), Meters(7)))
	fmt.Println(Max(2.5, 1.0))
}
