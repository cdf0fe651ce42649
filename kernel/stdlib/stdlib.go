// Package stdlib is the standard library a cell can import: yaegi v0.16.1's
// symbol tables, which stop at Go 1.22, completed with the symbols of the Go
// that builds the kernel.
//
// The go1_*.go files are generated, never written by hand:
//
//	go generate ./kernel/stdlib
//
// runs gen.go, which asks yaegi's extractor (the code behind `yaegi extract`)
// for every exported name of every importable standard package that yaegi's
// table lacks — new packages such as iter, unique, weak and structs, and new
// names such as strings.Lines or sync.OnceFunc's siblings. Re-run it when the
// Go version in go.mod changes; the generated files carry that version's
// build tag.
//
// Why complete yaegi's tables instead of replacing them: yaegi's own stdlib
// package also registers hand-written wrappers for composed interfaces and
// the MapTypes that make fmt and encoding/json see an interpreted value's
// String, Error and Marshal methods; they are keyed by yaegi's generated
// wrapper types, so its tables stay the base and ours only add.
//
// Contract: Symbols() holds yaegi's exports plus ours; an entry of yaegi's is
// never replaced. Both processes use it: the worker's interpreter and the
// kernel's completion.
//
// # Generic packages
//
// Generic functions and types (slices.Sort, maps.Keys, iter.Pull,
// sync.OnceValue, atomic.Pointer[T], errors.AsType) cannot live in a
// compiled symbol table at all. generic/ holds our sources of them, in the
// Go that yaegi v0.16.1 digests, for slices, maps, cmp, iter, errors, sync,
// sync/atomic, and wrappers of the iterator functions of strings and bytes;
// a Loader compiles them into an interpreter (generic.go says how, and
// which yaegi behaviours shape them). Generic() lists the packages and the
// names they declare, for completion.
//
// Contract for the engine:
//
//	l, err := stdlib.NewLoader(in) // once per interpreter, after the engine's in.Use calls
//	...
//	err = l.Load(paths...)         // before a cell is evaluated, with the import paths it imports
//
// What it promises and asks:
//
//   - Load compiles each path's source once per interpreter, on the first
//     call that names it; a path without a generic source is ignored, so
//     the engine can pass every import path of every cell. A failed package
//     fails again with the same error. The error names the package; the
//     cell can still run on yaegi's own (mostly broken) generics.
//   - Load must run before the cell that imports the package is compiled:
//     a cell compiled before sees yaegi's compiled package (sync.OnceValue
//     undefined), and its functions keep what they saw.
//   - An override installed with in.Use after a package is loaded is not
//     seen through that package (the dot-import copied the members).
//   - A Loader belongs to one interpreter; a fresh interpreter (a new
//     worker, %reset) needs a fresh Loader. Load must not run while the
//     interpreter compiles or runs a cell: it compiles and executes code in
//     it, as Eval does.
//   - Once loaded, a package is reachable by its package name in every
//     cell, imported or not, like yaegi's own slices, maps and cmp; an
//     import under another name (`import a "sync/atomic"`) reaches only the
//     compiled package (a.Int64 works, a.Pointer does not).
//   - in.Symbols(path) panics for a path with a source package that
//     declares a generic function (yaegi wraps every function with
//     reflect.MakeFunc): already true of slices, maps and cmp, and of every
//     package loaded here. Completion should use Symbols() and Generic().
package stdlib

import (
	"reflect"
	"sync"

	yaegistd "github.com/traefik/yaegi/stdlib"
)

//go:generate go run gen.go

// added is filled by the generated files' init functions.
var added = map[string]map[string]reflect.Value{}

// Symbols returns the standard library for interp.Use: yaegi's tables with
// the names they lack added. It is built once, on first use (after every
// init function has filled added), and must not be modified.
var Symbols = sync.OnceValue(func() map[string]map[string]reflect.Value {
	all := make(map[string]map[string]reflect.Value, len(yaegistd.Symbols)+len(added))
	for pkg, syms := range yaegistd.Symbols {
		all[pkg] = syms
	}
	for pkg, syms := range added {
		merged := make(map[string]reflect.Value, len(all[pkg])+len(syms))
		for name, v := range syms {
			merged[name] = v
		}
		for name, v := range all[pkg] { // yaegi's own entries win
			merged[name] = v
		}
		all[pkg] = merged
	}
	return all
})
