package main

import (
	"encoding/xml"
	"fmt"
)

// xml.Marshal of a cell's types: elements named after the type (or the
// XMLName field, or the field), attributes, unexported fields left out.

type Address struct {
	City  string `xml:"city"`
	State string `xml:"state,attr"`
}

type Person struct {
	XMLName xml.Name `xml:"person"`
	ID      int      `xml:"id,attr"`
	First   string   `xml:"name>first"`
	Last    string   `xml:"name>last"`
	Age     int      `xml:"age"`
	Emails  []string `xml:"email"`
	Addr    Address
	note    string
}

type Plain struct {
	A int
	B string `xml:",comment"`
	c int
}

func main() {
	p := Person{ID: 13, First: "John", Last: "Doe", Age: 42, Emails: []string{"a@b", "c@d"},
		Addr: Address{"Hanga Roa", "Easter Island"}, note: "x"}
	out, err := xml.MarshalIndent(p, " ", "  ")
	fmt.Println(string(out), err)
	out, err = xml.Marshal(Plain{A: 1, B: " hi ", c: 2})
	fmt.Println(string(out), err)
	out, err = xml.Marshal([]Address{{"x", "y"}, {"z", "w"}})
	fmt.Println(string(out), err)
	out, err = xml.Marshal(&Plain{A: 2})
	fmt.Println(string(out), err)
}
