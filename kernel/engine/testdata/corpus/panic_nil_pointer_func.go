package main

import "fmt"

type Config struct {
	Name string
}

func describe(c *Config) string {
	return "config " + c.Name
}

func main() {
	fmt.Println(describe(&Config{Name: "a"}))
	var c *Config
	fmt.Println(describe(c))
}
