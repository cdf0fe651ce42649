package main

import "fmt"

type Logger struct{ prefix string }

func (l Logger) Log(msg string) { fmt.Println(l.prefix + msg) }

func main() {
	l := Logger{"[a] "}
	defer l.Log("deferred")
	log := l.Log
	l.prefix = "[b] "
	log("bound early")
	l.Log("direct")
}
