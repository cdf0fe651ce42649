package main

import (
	"encoding/json"
	"fmt"
)

type Item struct {
	Name  string `json:"name"`
	Price int    `json:"price,omitempty"`
}

func main() {
	b, _ := json.Marshal(Item{"pen", 3})
	fmt.Println(string(b))
	var it Item
	err := json.Unmarshal([]byte(`{"name":"cup"}`), &it)
	fmt.Println(it.Name, it.Price, err)
}
