package main

import "fmt"

func pick(grid [][]int, row, col int) int {
	r := grid[row]
	fmt.Println("row", row, "has", len(r), "cells")
	v := r[col]
	last := grid[len(grid)-1]
	return v + last[0]
}

func main() {
	grid := [][]int{{1, 2}, {3, 4}}
	fmt.Println(pick(grid, 1, 1))
	fmt.Println(pick(grid, 2, 0))
}
