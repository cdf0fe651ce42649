package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

// A cell's types with their own JSON methods, at the top and inside other
// values: MarshalJSON, MarshalText (as a string), UnmarshalJSON and
// UnmarshalText.

type Level int

func (l Level) MarshalText() ([]byte, error) {
	return []byte([...]string{"low", "mid", "high"}[l]), nil
}

func (l *Level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 0
	case "mid":
		*l = 1
	case "high":
		*l = 2
	default:
		return fmt.Errorf("bad level %q", b)
	}
	return nil
}

type Money struct{ Cents int }

func (m Money) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`"%d.%02d"`, m.Cents/100, m.Cents%100)), nil
}

func (m *Money) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	var whole, frac int
	fmt.Sscanf(strings.Replace(s, ".", " ", 1), "%d %d", &whole, &frac)
	m.Cents = whole*100 + frac
	return nil
}

type Item struct {
	Name  string  `json:"name"`
	Price Money   `json:"price"`
	Level Level   `json:"level"`
	Back  *Money  `json:"back,omitempty"`
	All   []Level `json:"all"`
}

func main() {
	b, err := json.Marshal(Item{"tea", Money{350}, 2, nil, []Level{0, 1}})
	fmt.Println(string(b), err)
	b, _ = json.Marshal(Money{1299})
	fmt.Println(string(b))
	b, _ = json.Marshal([]Money{{1}, {250}})
	fmt.Println(string(b))
	var it Item
	err = json.Unmarshal([]byte(`{"name": "cake", "price": "12.50", "level": "mid", "back": "0.99", "all": ["high"]}`), &it)
	fmt.Printf("%v %+v %+v\n", err, it.Price, *it.Back)
	fmt.Println(it.Name, it.Level, it.All)
	err = json.Unmarshal([]byte(`{"level": "extreme"}`), &it)
	fmt.Println(err)
}
