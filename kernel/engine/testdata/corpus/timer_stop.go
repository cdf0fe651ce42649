package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Hour)
	fmt.Println("stopped:", t.Stop())
	t2 := time.NewTimer(time.Millisecond)
	<-t2.C
	fmt.Println("fired")
}
