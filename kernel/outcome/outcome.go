// Package outcome holds what a cell produces that the kernel process shows:
// a failed cell's error, the description of a variable's type, and display
// actions. The worker builds these values and the kernel process reads them;
// both sides import this package and neither imports the other.
//
// Contract: the types are plain data with JSON tags, so that package ipc can
// carry them across the pipe unchanged. Nothing here knows about the pipe,
// the interpreter or Jupyter's sockets; adding a field is a change to what
// the worker tells the kernel, and both sides see it at once.
package outcome

import "fmt"

// Error is a failed cell, in the shape of an execute_reply error.
type Error struct {
	Name      string   `json:"ename"`
	Value     string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Simple returns an Error whose traceback is its one-line message.
func Simple(name, msg string) *Error {
	return &Error{Name: name, Value: msg, Traceback: []string{msg}}
}

// Interrupt is the error of a cell stopped by an interrupt, in the words
// `go run` prints for a program killed by SIGINT.
func Interrupt() *Error { return Simple("interrupt", "signal: interrupt") }

// TypeInfo describes a variable's type for completion.
type TypeInfo struct {
	Type    string   `json:"type"`              // as Go prints it, e.g. "Point" or "*strings.Builder"
	Members []Member `json:"members,omitempty"` // fields and methods reachable with "x."
}

// Member is one field or method of a TypeInfo, or one exported name of a
// package.
type Member struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`      // "field", "method", "func", "type", "var" or "const"
	Signature string `json:"signature"` // field type, or "func(…) …" of the method
}

// Display is one display action of a cell: show Data as display_data, or,
// with Update, replace what was shown under ID; with Clear, clear the cell's
// output (when the next output arrives if Wait).
type Display struct {
	Data     map[string]any
	Metadata map[string]any
	ID       string
	Update   bool
	Clear    bool
	Wait     bool
}

// Count says n of a noun in English: "1 goroutine", "3 goroutines". Nouns
// whose plural is not noun+"s" are not used in the kernel's messages.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
