package main

import (
	"errors"
	"fmt"
)

func load() error { return fmt.Errorf("load: %w", errors.New("disk full")) }

func main() {
	if err := load(); err != nil {
		panic(err)
	}
}
