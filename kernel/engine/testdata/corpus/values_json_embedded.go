package main

import (
	"encoding/json"
	"fmt"
)

// Embedded structs' fields are promoted into the object.

type Base struct {
	ID      int `json:"id"`
	Created string
}

type meta struct {
	Version int
	hidden  int
}

type Doc struct {
	Base
	meta
	Title string `json:"title"`
}

func main() {
	d := Doc{Base{1, "today"}, meta{2, 3}, "hello"}
	b, err := json.Marshal(d)
	fmt.Println(string(b), err)
	var back Doc
	err = json.Unmarshal([]byte(`{"id": 9, "Created": "x", "Version": 4, "title": "t"}`), &back)
	fmt.Printf("%v %+v\n", err, back)
}
