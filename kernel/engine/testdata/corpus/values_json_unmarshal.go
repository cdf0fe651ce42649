package main

import (
	"encoding/json"
	"errors"
	"fmt"
)

// json.Unmarshal into a cell's types: keys match exported fields by name
// or tag, unexported fields are untouched, and a type mismatch names the
// struct and field as Go does.

type Address struct {
	City string `json:"city"`
	Zip  int    `json:"zip"`
}

type User struct {
	ID      int      `json:"id"`
	Name    string   `json:"name"`
	Addr    Address  `json:"addr"`
	Prev    *Address `json:"prev"`
	Tags    []string `json:"tags"`
	private string
}

func main() {
	u := User{private: "kept", Name: "old"}
	err := json.Unmarshal([]byte(`{"id": 7, "addr": {"city": "Oslo", "zip": 150}, "prev": {"city": "Rome"}, "tags": ["a", "b"], "private": "no"}`), &u)
	prev := *u.Prev
	u.Prev = nil
	fmt.Printf("%v %+v %+v\n", err, u, prev)
	err = json.Unmarshal([]byte(`{"id": "seven"}`), &u)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`{"addr": {"zip": "x"}}`), &u)
	fmt.Println(err)
	var te *json.UnmarshalTypeError
	fmt.Println(errors.As(err, &te), te.Field)
	err = json.Unmarshal([]byte(`{"id": 1,}`), &u)
	fmt.Println(err)
	var list []User
	err = json.Unmarshal([]byte(`[{"id": 1}, {"id": 2, "name": "b"}]`), &list)
	fmt.Printf("%v %+v\n", err, list)
	var byName map[string]Address
	err = json.Unmarshal([]byte(`{"home": {"city": "x", "zip": 1}}`), &byName)
	fmt.Printf("%v %v\n", err, byName)
}
