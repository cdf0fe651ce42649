package main

import (
	"fmt"
)

func main() {
	var x uint8 = 0b1010_1100
	fmt.Println(x>>2, x<<1, x&0x0F, x|1, x^0xFF, x&^0x0C)
	fmt.Printf("%08b\n", x)
}
