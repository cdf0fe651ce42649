package main

import "fmt"

type Handler interface{ Handle(string) string }

type HandlerFunc func(string) string

func (f HandlerFunc) Handle(s string) string { return f(s) }

func serve(h Handler, req string) { fmt.Println(h.Handle(req)) }

func main() {
	serve(HandlerFunc(func(s string) string { return "handled " + s }), "req1")
	var h Handler = HandlerFunc(func(s string) string { return s + s })
	serve(h, "ab")
	if hf, ok := h.(HandlerFunc); ok {
		fmt.Println(hf("x"))
	}
}
