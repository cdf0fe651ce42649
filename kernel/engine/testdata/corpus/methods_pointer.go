package main

import (
	"fmt"
)

type Acc struct{ bal int }

func (a *Acc) Deposit(n int) { a.bal += n }
func (a Acc) Balance() int   { return a.bal }

func main() {
	a := Acc{}
	a.Deposit(50)
	a.Deposit(25)
	fmt.Println(a.Balance())
}
