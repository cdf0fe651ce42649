// Package typedfmt prints values the way Go's fmt prints them, knowing the
// types an interpreter session declared: it is fmt for the yaegi
// interpreter's values, in the worker process.
//
// yaegi (v0.16.1) gives an interpreted type no run-time identity of its own
// — reflect sees `type Celsius float64` as float64 and `type Point struct{
// X, Y int }` as an unnamed struct whose unexported fields are renamed X…
// — and keeps its methods out of reflect, so the real fmt cannot name such
// a type (%T, %#v) or call its String method inside a slice, a map, a
// field or behind a pointer. A Printer is told what the real fmt cannot
// see: the static type of each argument of a call (a Site, from the
// front-end's go/types check), the session's types by name (their go/types
// types and their reflect types in the interpreter), and closures calling
// their String, Error, GoString and Format methods (RegisterMethod).
//
// Contract:
//
//   - Fprint, Fprintln, Fprintf, Sprint…, Errorf and Append… take a site
//     id and the call's arguments and behave as the fmt function of the
//     same name would for the same values in a compiled program: every
//     verb and flag, argument indexes, the %!…(…) texts, the method fmt
//     would call for the verb (only through exported fields, a panic in it
//     printed as %!v(PANIC=String method: …), a value method through a nil
//     pointer as <nil>), map keys in fmt's order, and type names as Go
//     spells them (main.Point, []main.Point, main.Pair[string,int]).
//   - A call whose arguments hold nothing of the session's goes straight to
//     fmt (the per-type answer is cached), so plain printing costs one
//     look-up per argument.
//   - Errorf makes the text and lets fmt.Errorf wrap the %w operands: the
//     error is fmt's own *wrapError, and errors.Is, As and Unwrap work.
//   - Value is a cell's Out: as %v, a string (without a method that
//     formats it) quoted.
//   - JSONMarshal, JSONUnmarshal, XMLMarshal… (encoding.go) and
//     TemplateExecute (template.go) hand encoders and templates what they
//     would see for a compiled value of the type.
//
// How it prints: the format engine (format.go) is its own; composite values
// are walked here (value.go), with field names and element types from
// go/types; every leaf (a number, a string, an address) and every value
// with nothing of the session's in it is formatted by fmt itself under the
// same directive, so the details of each verb are fmt's. How yaegi hands
// interpreted values to compiled code — its valueInterface, its interface
// wrappers — is in yaegi.go, the one file that knows.
//
// The package imports nothing of the kernel: the engine wires it to the
// front-end's Session (sites, look-ups) and registers its functions in
// the interpreter.
package typedfmt
