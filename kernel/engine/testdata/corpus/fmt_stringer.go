package main

import (
	"fmt"
)

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

func main() {
	var t Temp = 21.5
	fmt.Println(t)
	fmt.Printf("%v %s\n", t, t)
}
