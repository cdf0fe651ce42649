package main

import "fmt"

type Board [3][3]byte

func (b *Board) Set(row, col int, c byte) {
	b[row][col] = c
}

func main() {
	var b Board
	p := &b
	for i := range p {
		p.Set(i, i, 'x')
	}
	fmt.Println(string(b[0][:]), string(b[1][:]), string(b[2][:]))
	fmt.Println(len(p), p[1][1] == 'x')
	p.Set(1, 3, 'o')
	fmt.Println("not reached")
}
