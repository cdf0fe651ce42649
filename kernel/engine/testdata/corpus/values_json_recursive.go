package main

import (
	"encoding/json"
	"fmt"
)

// Types that contain themselves, both ways.

type Node struct {
	Name     string  `json:"name"`
	Children []*Node `json:"children,omitempty"`
	note     string
}

type Person struct {
	Name    string   `json:"name"`
	Friends []Person `json:"friends"`
	Boss    *Person  `json:"boss,omitempty"`
}

func main() {
	root := &Node{Name: "root", Children: []*Node{{Name: "a", note: "x"}, {Name: "b", Children: []*Node{{Name: "c"}}}}}
	b, err := json.Marshal(root)
	fmt.Println(string(b), err)
	var back Node
	err = json.Unmarshal(b, &back)
	fmt.Println(err, back.Name, len(back.Children), back.Children[1].Children[0].Name)
	ann := Person{Name: "ann", Friends: []Person{{Name: "bob"}}, Boss: &Person{Name: "cy"}}
	b, _ = json.Marshal(ann)
	fmt.Println(string(b))
	var p Person
	err = json.Unmarshal([]byte(`{"name": "dee", "friends": [{"name": "eve", "friends": [{"name": "fay"}]}], "boss": {"name": "gus"}}`), &p)
	fmt.Println(err, p.Name, p.Friends[0].Name, p.Friends[0].Friends[0].Name, p.Boss.Name, p.Friends[0].Boss == nil)
}
