package main

import (
	"encoding/json"
	"fmt"
)

// json.Marshal of a cell's types: exported fields only, under their names
// or json tags, omitempty, nested types, pointers, slices and maps.

type Address struct {
	Street string `json:"street"`
	City   string `json:"city,omitempty"`
	secret string
}

type User struct {
	Name     string `json:"name"`
	Age      int    `json:"age"`
	Email    string `json:"email,omitempty"`
	Admin    bool   `json:"-"`
	internal int
	Home     *Address          `json:"home,omitempty"`
	Work     Address           `json:"work"`
	Tags     []string          `json:"tags"`
	Scores   map[string]int    `json:"scores,omitempty"`
	Extra    map[string]any    `json:"extra,omitempty"`
	Friends  []User            `json:"friends,omitempty"`
	Labels   map[string]string `json:",omitempty"`
}

type Celsius float64

func main() {
	u := User{Name: "Ann", Age: 31, internal: 7, Admin: true,
		Home:    &Address{"1 Main St", "Springfield", "x"},
		Work:    Address{Street: "2 Side Rd"},
		Scores:  map[string]int{"go": 9, "c": 7},
		Extra:   map[string]any{"temp": Celsius(21.5), "addr": Address{City: "Oslo"}},
		Friends: []User{{Name: "Bob", Tags: []string{"x"}}},
	}
	b, err := json.Marshal(u)
	fmt.Println(string(b), err)
	b, _ = json.MarshalIndent(Address{"s", "c", "hidden"}, "", "  ")
	fmt.Println(string(b))
	b, _ = json.Marshal([]*Address{{Street: "a"}, nil})
	fmt.Println(string(b))
	b, _ = json.Marshal(map[string]Celsius{"in": 20, "out": -3.5})
	fmt.Println(string(b))
	var none *User
	b, _ = json.Marshal(none)
	fmt.Println(string(b))
}
