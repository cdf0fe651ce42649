package main

import (
	"fmt"
	"time"
)

// An embedded type's String is promoted: the outer value prints as the
// embedded one's String, a well-known surprise.

type Base struct{ ID int }

func (b Base) String() string { return fmt.Sprintf("#%d", b.ID) }

type User struct {
	Base
	Name string
}

type Event struct {
	time.Time
	What string
}

type Plain struct {
	Base Base
	Name string
}

func main() {
	u := User{Base{7}, "ann"}
	fmt.Println(u)
	fmt.Printf("%v %+v %s\n", u, u, u.Name)
	fmt.Println([]User{u, {Base{8}, "bob"}})
	e := Event{time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), "launch"}
	fmt.Println(e)
	fmt.Println(Plain{Base{1}, "x"})
	fmt.Printf("%+v\n", Plain{Base{1}, "x"})
}
