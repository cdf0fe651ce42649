package main

import "fmt"

type MyErr struct{}

func (*MyErr) Error() string { return "my err" }

func mayFail(fail bool) error {
	if fail {
		return &MyErr{}
	}
	return nil
}

func main() {
	fmt.Println(mayFail(false) == nil)
	fmt.Println(mayFail(true) == nil)
	if err := mayFail(true); err != nil {
		fmt.Println("error:", err.Error())
	}
	var e error
	fmt.Println(e == nil)
}
