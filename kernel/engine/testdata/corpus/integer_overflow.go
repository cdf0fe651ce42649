package main

import (
	"fmt"
	"math"
)

func main() {
	var i int8 = 127
	i++
	var u uint = 0
	u--
	fmt.Println(i, u == math.MaxUint, 7/2, -7/2, 7%-3, 7.0/2)
}
