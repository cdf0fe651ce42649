package main

import (
	"fmt"
	"log"
	"os"
)

// log's functions and a *log.Logger print a cell's values as fmt does.

type Req struct {
	Method, Path string
}

func (r Req) String() string { return r.Method + " " + r.Path }

func main() {
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	log.SetPrefix("srv: ")
	r := Req{"GET", "/"}
	log.Println("serving", r)
	log.Printf("%v %+v", r, []Req{r})
	log.Print(r, r)
	l := log.New(os.Stdout, "[l] ", 0)
	l.Println([]Req{r, {"POST", "/x"}})
	l.Printf("%T", r)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		log.Panicf("bad %v", r)
	}()
}
