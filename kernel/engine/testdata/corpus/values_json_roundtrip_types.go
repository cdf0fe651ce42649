package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Encoder and Decoder with a cell's types, and a round trip.

type Status string

type Task struct {
	Title  string `json:"title"`
	Done   bool   `json:"done"`
	Status Status `json:"status"`
	steps  int
}

type Board struct {
	Name    string         `json:"name"`
	Tasks   []Task         `json:"tasks"`
	Created time.Time      `json:"created"`
	Meta    map[string]any `json:"meta,omitempty"`
}

func main() {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.Encode(Board{"home", []Task{{"dishes", true, "ok", 3}, {"laundry", false, "todo", 1}},
		time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), map[string]any{"owner": Task{Title: "x"}, "n": 1}})
	enc.Encode(Task{Title: "solo"})
	fmt.Print(buf.String())
	dec := json.NewDecoder(strings.NewReader(buf.String()))
	var b Board
	var t Task
	fmt.Println(dec.Decode(&b), dec.Decode(&t))
	fmt.Printf("%+v\n%+v\n", b, t)
	again, _ := json.Marshal(b)
	fmt.Println(string(again))
}
