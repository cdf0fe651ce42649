package main

import "fmt"

// Arrays of a cell's types.

type Suit uint8

func (s Suit) String() string { return [...]string{"S", "H", "D", "C"}[s] }

type Cell struct {
	Alive bool
	Age   int
}

func main() {
	var board [2][3]Cell
	board[1][2] = Cell{true, 4}
	fmt.Printf("%v\n%+v\n", board, board)
	fmt.Printf("%T\n", board)
	suits := [4]Suit{0, 1, 2, 3}
	fmt.Printf("%v %d %#v %T\n", suits, suits, suits, suits)
	fmt.Printf("%s %x\n", suits, suits)
}
