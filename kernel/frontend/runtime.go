package frontend

// The names rewritten code uses that the front-end does not define: the
// contract between the passes, which emit them, and the engine, which
// defines them before the first cell runs. Every such name is declared
// here and nowhere else; the engine registers its functions under these
// constants, New refuses to start if one is missing, and the engine's
// TestRuntimeNames checks that every name a pass emits is defined.

import (
	"go/ast"
	"go/token"
)

// Reserved begins every name the kernel generates (the RuntimePkg import,
// the prelude's helpers, MainName, the passes' temporaries); the engine
// hides such names from %who and completion.
const Reserved = "_gk"

// RuntimePath is the import path of the host package the passes call, and
// RuntimePkg the name the engine's prelude imports it under.
const (
	RuntimePath = "gokernel/rt"
	RuntimePkg  = Reserved + "rt"
)

// A RuntimeFunc is a function of the host package RuntimePath; a pass calls
// it as RuntimePkg.F(...).
type RuntimeFunc string

// The functions of RuntimePath, and the pass that calls each.
const (
	RTClear       RuntimeFunc = "Clear"       // builtins: clear(x)
	RTPrint       RuntimeFunc = "Print"       // builtins: print(...)
	RTPrintln     RuntimeFunc = "Println"     // builtins: println(...)
	RTGo          RuntimeFunc = "Go"          // goroutines: go of a builtin, as a func()
	RTGoCall      RuntimeFunc = "GoCall"      // goroutines: go f(args)
	RTGoCallSlice RuntimeFunc = "GoCallSlice" // goroutines: go f(args, xs...)
	RTPoll        RuntimeFunc = "Poll"        // interrupt: in every loop
	RTBlock       RuntimeFunc = "Block"       // interrupt: select {}
	RTInterrupt   RuntimeFunc = "Interrupt"   // interrupt: the body of the Done case
	RTRecover     RuntimeFunc = "Recover"     // recover: recover() => _gkrt.Recover(recover())
	RTDoneAt      RuntimeFunc = "DoneAt"      // interrupt: the case added to selects, at a site (package sched's waits)
	RTRecv        RuntimeFunc = "Recv"        // interrupt: <-ch as a statement, at a site
	RTAt          RuntimeFunc = "At"          // interrupt: before a wait the interpreter runs itself
	RTRangeError  RuntimeFunc = "RangeError"  // rangefunc: panics with Go's error for a misbehaving iterator
	RTRunDefers   RuntimeFunc = "RunDefers"   // rangefunc: runs the calls deferred in a loop body
)

// RuntimeFuncs lists every RuntimeFunc: the engine must register each.
var RuntimeFuncs = []RuntimeFunc{RTClear, RTPrint, RTPrintln, RTGo, RTGoCall, RTGoCallSlice, RTPoll, RTBlock, RTInterrupt, RTRecover, RTDoneAt, RTRecv, RTAt,
	RTRangeError, RTRunDefers}

// Interpreted helpers the engine's prelude defines and the passes call by
// name: generic functions, which a host package cannot provide.
const (
	MinName = Reserved + "_min" // builtins: min(a, b...)
	MaxName = Reserved + "_max" // builtins: max(a, b...)
)

// PreludeFuncs lists the helpers the engine's prelude must define.
var PreludeFuncs = []string{MinName, MaxName}

// MainName is what the main pass renames func main to; the cell that
// declares main defines it, and the engine calls it once.
const MainName = Reserved + "_main"

// rt is the expression RuntimePkg.f, positioned at pos.
func rt(pos token.Pos, f RuntimeFunc) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: RuntimePkg}, Sel: id(string(f))}
}
