package main

import (
	"fmt"
)

func main() {
	cfg := struct {
		Host string
		Port int
	}{"localhost", 8080}
	fmt.Printf("%s:%d %+v\n", cfg.Host, cfg.Port, cfg)
}
