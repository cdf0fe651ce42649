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
// Generic functions and types (slices.Sort, maps.Keys, sync.OnceValue,
// atomic.Pointer) cannot live in a compiled symbol table at all; yaegi
// interprets its own copies of some of them from source.
//
// Contract: Symbols() holds yaegi's exports plus ours; an entry of yaegi's is
// never replaced. Both processes use it: the worker's interpreter and the
// kernel's completion.
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
