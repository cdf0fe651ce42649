// Package outcome holds what the worker produces that the kernel process
// shows or uses: a failed cell's error, the description of a variable's
// type, display actions, and what the worker hosts (Hosted: packages and
// magics the kernel process cannot load, for completion). The worker builds
// these values and the kernel process reads them; both sides import this
// package and neither imports the other.
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
// Package.
type Member struct {
	Name string `json:"name"`
	// Kind is "field" or "method" in a TypeInfo; "func", "type", "var" or
	// "const" in a Package.
	Kind string `json:"kind"`
	// Signature is a field's, var's or const's type ("untyped int" for an
	// untyped constant), a method's or func's "func(…) …", or a type's
	// kind ("struct").
	Signature string `json:"signature"`
}

// Package is one importable package, described by its exported names.
type Package struct {
	Path    string   `json:"path"`    // import path, e.g. "gokernel/display"
	Name    string   `json:"name"`    // package name, e.g. "display"
	Members []Member `json:"members"` // sorted by name
}

// Hosted is what a worker offers cells beyond the Go standard library, and
// the kernel process can only learn from it: the packages it hosts
// (gokernel/display, and modules added to the session) and the magics it
// runs. The worker sends it with its ready event; a new worker's replaces
// the old one's.
type Hosted struct {
	Packages []Package `json:"packages,omitempty"`
	Magics   []string  `json:"magics,omitempty"` // with their % or %%, e.g. "%time", "%%writefile"
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
