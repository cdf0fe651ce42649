package main

import "fmt"

func Pic(dx, dy int) [][]uint8 {
	p := make([][]uint8, dy)
	for y := range p {
		p[y] = make([]uint8, dx)
		for x := range p[y] {
			p[y][x] = uint8((x + y) / 2)
		}
	}
	return p
}

func main() {
	p := Pic(8, 4)
	fmt.Println(len(p), len(p[0]))
	for _, row := range p {
		fmt.Println(row)
	}
}
