package main

import (
	"errors"
	"fmt"
	"sync"
)

func main() {
	reads := 0
	readFile := sync.OnceValues(func() ([]byte, error) {
		reads++
		return []byte("name=gopher"), nil
	})
	for i := 0; i < 3; i++ {
		data, err := readFile()
		fmt.Println(string(data), err)
	}
	fmt.Println("reads:", reads)

	connect := sync.OnceValues(func() (int, error) {
		return 0, errors.New("connection refused")
	})
	_, err1 := connect()
	_, err2 := connect()
	fmt.Println(err1, err1 == err2)
}
