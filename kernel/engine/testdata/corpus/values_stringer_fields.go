package main

import (
	"fmt"
	"time"
)

// fmt calls String on exported fields only: an unexported field's value
// cannot be handed to a method, so it prints as its underlying value.

type Level int

func (l Level) String() string { return [...]string{"low", "mid", "high"}[l] }

type Job struct {
	Name     string
	Priority Level
	level    Level
	Timeout  time.Duration
	timeout  time.Duration
	Next     *Job
}

type Queue struct {
	Jobs  []Job
	first Job
	ByKey map[string]Level
}

func main() {
	j := Job{Name: "build", Priority: 2, level: 1, Timeout: 90 * time.Second, timeout: time.Second}
	fmt.Println(j)
	fmt.Printf("%v\n%+v\n", j, j)
	q := Queue{Jobs: []Job{j, {Name: "test"}}, first: j, ByKey: map[string]Level{"a": 0, "b": 2}}
	fmt.Printf("%v\n%+v\n", q, q)
	fmt.Println(Level(1), []Level{0, 1, 2})
}
