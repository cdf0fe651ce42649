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

	RTErrorsIs     RuntimeFunc = "ErrorsIs"     // errors: errors.Is(err, target), both as any
	RTErrorsUnwrap RuntimeFunc = "ErrorsUnwrap" // errors: errors.Unwrap(err), as any
	RTErrorsEqual  RuntimeFunc = "ErrorsEqual"  // errors: err1 == err2, both as any
	// errors: a type's Error, Unwrap() error, Unwrap() []error and
	// Is(error) bool methods, as closures asserting to the type (nil for
	// one it lacks).
	RTRegisterError RuntimeFunc = "RegisterError"
)

// The bounds pass's checks (pass_bounds.go): each returns one of its
// arguments when the index or slice bounds are in range, and panics with
// Go's runtime error otherwise. Every check takes, last, the cell line of
// the expression, which the panic's trace shows.
//
//	Index(i, n, line) int               a[i], i of a signed type, n = len(a)
//	IndexU(i, n, line) int              the same, i unsigned or constant (its bits, as int)
//	Slice(lo, hi, n, flags, line) int   a[lo:hi], n = cap(a) (len for a string or array)
//	Slice3(lo, hi, max, n, flags, line) int  a[lo:hi:max]
//
// Slice returns hi, Slice3 max, unless flags say otherwise (BoundsRetLo,
// BoundsRetHi): the check stands in the place of one bound.
const (
	RTIndex  RuntimeFunc = "Index"
	RTIndexU RuntimeFunc = "IndexU"
	RTSlice  RuntimeFunc = "Slice"
	RTSlice3 RuntimeFunc = "Slice3"
)

// The flags of Slice and Slice3.
const (
	BoundsLoUnsigned  = 1 << iota // lo is of an unsigned type or constant
	BoundsHiUnsigned              // hi is
	BoundsMaxUnsigned             // max is
	BoundsLen                     // n is a length (string, array), not a capacity
	BoundsRetLo                   // return lo
	BoundsRetHi                   // return hi (Slice3)
)

// The functions the values pass calls (pass_values.go): fmt's and log's
// print functions, encoding/json's and encoding/xml's encoders and
// decoders, and the templates' Execute, with a leading site argument (the static types of the
// arguments, see Session.Site), the registration of a cell's types and
// their methods, and Tuple, which turns f()'s results into arguments.
const (
	RTFmtPrint    RuntimeFunc = "FmtPrint"
	RTFmtPrintln  RuntimeFunc = "FmtPrintln"
	RTFmtPrintf   RuntimeFunc = "FmtPrintf"
	RTFmtSprint   RuntimeFunc = "FmtSprint"
	RTFmtSprintln RuntimeFunc = "FmtSprintln"
	RTFmtSprintf  RuntimeFunc = "FmtSprintf"
	RTFmtFprint   RuntimeFunc = "FmtFprint"
	RTFmtFprintln RuntimeFunc = "FmtFprintln"
	RTFmtFprintf  RuntimeFunc = "FmtFprintf"
	RTFmtErrorf   RuntimeFunc = "FmtErrorf"
	RTFmtAppend   RuntimeFunc = "FmtAppend"
	RTFmtAppendln RuntimeFunc = "FmtAppendln"
	RTFmtAppendf  RuntimeFunc = "FmtAppendf"

	RTLogPrint   RuntimeFunc = "LogPrint"
	RTLogPrintf  RuntimeFunc = "LogPrintf"
	RTLogPrintln RuntimeFunc = "LogPrintln"
	RTLogFatal   RuntimeFunc = "LogFatal"
	RTLogFatalf  RuntimeFunc = "LogFatalf"
	RTLogFatalln RuntimeFunc = "LogFatalln"
	RTLogPanic   RuntimeFunc = "LogPanic"
	RTLogPanicf  RuntimeFunc = "LogPanicf"
	RTLogPanicln RuntimeFunc = "LogPanicln"

	RTLoggerPrint   RuntimeFunc = "LoggerPrint"
	RTLoggerPrintf  RuntimeFunc = "LoggerPrintf"
	RTLoggerPrintln RuntimeFunc = "LoggerPrintln"
	RTLoggerFatal   RuntimeFunc = "LoggerFatal"
	RTLoggerFatalf  RuntimeFunc = "LoggerFatalf"
	RTLoggerFatalln RuntimeFunc = "LoggerFatalln"
	RTLoggerPanic   RuntimeFunc = "LoggerPanic"
	RTLoggerPanicf  RuntimeFunc = "LoggerPanicf"
	RTLoggerPanicln RuntimeFunc = "LoggerPanicln"

	// Fmt and Log are values whose methods are fmt's and log's print
	// functions without a site: fmt.Sprint used as a value becomes
	// _gkrt.Fmt.Sprint.
	RTFmt RuntimeFunc = "Fmt"
	RTLog RuntimeFunc = "Log"

	RTJSONMarshal       RuntimeFunc = "JSONMarshal"
	RTJSONMarshalIndent RuntimeFunc = "JSONMarshalIndent"
	RTJSONUnmarshal     RuntimeFunc = "JSONUnmarshal"
	RTJSONEncode        RuntimeFunc = "JSONEncode" // (*json.Encoder).Encode, the encoder after the site
	RTJSONDecode        RuntimeFunc = "JSONDecode"
	RTXMLMarshal        RuntimeFunc = "XMLMarshal"
	RTXMLMarshalIndent  RuntimeFunc = "XMLMarshalIndent"
	RTXMLUnmarshal      RuntimeFunc = "XMLUnmarshal"
	RTXMLEncode         RuntimeFunc = "XMLEncode"
	RTXMLDecode         RuntimeFunc = "XMLDecode"

	RTDisplayJSON RuntimeFunc = "DisplayJSON" // gokernel/display's JSON(v)

	// text/template's and html/template's (*Template).Execute and
	// ExecuteTemplate, the template after the site.
	RTTemplateExecute         RuntimeFunc = "TemplateExecute"
	RTTemplateExecuteTemplate RuntimeFunc = "TemplateExecuteTemplate"

	RTTuple          RuntimeFunc = "Tuple"          // fmt.Println(f()) => _gkrt.FmtPrintln(site, _gkrt.Tuple(f())...)
	RTRegisterType   RuntimeFunc = "RegisterType"   // a cell's type: its name and a zero value
	RTRegisterMethod RuntimeFunc = "RegisterMethod" // a String, Error, GoString or Format method, as a closure
	// Bound is called by the prelude's BoundName, not by a pass (so it is
	// not in RuntimeFuncs: the prelude does not compile without it).
	RTBound RuntimeFunc = "Bound"
)

// A ValueFunc is a function the values pass routes to the runtime because
// it prints, encodes or decodes values: RT takes a site, then the
// function's own arguments, of which Lead (the writer, the format, the
// buffer, the data) come before the values. A method's RT also takes the
// receiver (the *log.Logger, the *json.Encoder), after the site.
type ValueFunc struct {
	RT   RuntimeFunc
	Lead int
}

// ValueFuncs are the functions the values pass routes, by package path
// ("fmt", "log") or method receiver ("*log.Logger": the type the package
// names Logger).
var ValueFuncs = map[string]map[string]ValueFunc{
	"fmt": {
		"Print": {RTFmtPrint, 0}, "Println": {RTFmtPrintln, 0}, "Printf": {RTFmtPrintf, 1},
		"Sprint": {RTFmtSprint, 0}, "Sprintln": {RTFmtSprintln, 0}, "Sprintf": {RTFmtSprintf, 1},
		"Fprint": {RTFmtFprint, 1}, "Fprintln": {RTFmtFprintln, 1}, "Fprintf": {RTFmtFprintf, 2},
		"Errorf": {RTFmtErrorf, 1}, "Append": {RTFmtAppend, 1}, "Appendln": {RTFmtAppendln, 1}, "Appendf": {RTFmtAppendf, 2},
	},
	"log": {
		"Print": {RTLogPrint, 0}, "Printf": {RTLogPrintf, 1}, "Println": {RTLogPrintln, 0},
		"Fatal": {RTLogFatal, 0}, "Fatalf": {RTLogFatalf, 1}, "Fatalln": {RTLogFatalln, 0},
		"Panic": {RTLogPanic, 0}, "Panicf": {RTLogPanicf, 1}, "Panicln": {RTLogPanicln, 0},
	},
	"*log.Logger": {
		"Print": {RTLoggerPrint, 0}, "Printf": {RTLoggerPrintf, 1}, "Println": {RTLoggerPrintln, 0},
		"Fatal": {RTLoggerFatal, 0}, "Fatalf": {RTLoggerFatalf, 1}, "Fatalln": {RTLoggerFatalln, 0},
		"Panic": {RTLoggerPanic, 0}, "Panicf": {RTLoggerPanicf, 1}, "Panicln": {RTLoggerPanicln, 0},
	},
	"encoding/json": {
		"Marshal": {RTJSONMarshal, 0}, "MarshalIndent": {RTJSONMarshalIndent, 0}, "Unmarshal": {RTJSONUnmarshal, 1},
	},
	"*encoding/json.Encoder": {"Encode": {RTJSONEncode, 0}},
	"*encoding/json.Decoder": {"Decode": {RTJSONDecode, 0}},
	"encoding/xml": {
		"Marshal": {RTXMLMarshal, 0}, "MarshalIndent": {RTXMLMarshalIndent, 0}, "Unmarshal": {RTXMLUnmarshal, 1},
	},
	"*encoding/xml.Encoder": {"Encode": {RTXMLEncode, 0}},
	"*encoding/xml.Decoder": {"Decode": {RTXMLDecode, 0}},
	"gokernel/display":      {"JSON": {RTDisplayJSON, 0}},
	"*text/template.Template": {
		"Execute": {RTTemplateExecute, 1}, "ExecuteTemplate": {RTTemplateExecuteTemplate, 2},
	},
	"*html/template.Template": {
		"Execute": {RTTemplateExecute, 1}, "ExecuteTemplate": {RTTemplateExecuteTemplate, 2},
	},
}

// TemplateMethod is the prefix of the name a method is registered under
// for templates (RegisterMethod(T, TemplateMethod+"Total", ...)): any
// exported method without parameters, as func(v any) (any, error).
const TemplateMethod = "tmpl:"

// PrintValues maps a package path to the runtime value whose methods are
// that package's print functions without a site.
var PrintValues = map[string]RuntimeFunc{"fmt": RTFmt, "log": RTLog}

// RuntimeFuncs lists every RuntimeFunc: the engine must register each.
var RuntimeFuncs = []RuntimeFunc{RTClear, RTPrint, RTPrintln, RTGo, RTGoCall, RTGoCallSlice, RTPoll, RTBlock, RTInterrupt, RTRecover, RTDoneAt, RTRecv, RTAt,
	RTFmtPrint, RTFmtPrintln, RTFmtPrintf, RTFmtSprint, RTFmtSprintln, RTFmtSprintf, RTFmtFprint, RTFmtFprintln, RTFmtFprintf,
	RTFmtErrorf, RTFmtAppend, RTFmtAppendln, RTFmtAppendf,
	RTLogPrint, RTLogPrintf, RTLogPrintln, RTLogFatal, RTLogFatalf, RTLogFatalln, RTLogPanic, RTLogPanicf, RTLogPanicln,
	RTLoggerPrint, RTLoggerPrintf, RTLoggerPrintln, RTLoggerFatal, RTLoggerFatalf, RTLoggerFatalln, RTLoggerPanic, RTLoggerPanicf, RTLoggerPanicln,
	RTJSONMarshal, RTJSONMarshalIndent, RTJSONUnmarshal, RTJSONEncode, RTJSONDecode,
	RTXMLMarshal, RTXMLMarshalIndent, RTXMLUnmarshal, RTXMLEncode, RTXMLDecode,
	RTTemplateExecute, RTTemplateExecuteTemplate, RTDisplayJSON,
	RTFmt, RTLog, RTTuple, RTRegisterType, RTRegisterMethod,
	RTRangeError, RTRunDefers, RTIndex, RTIndexU, RTSlice, RTSlice3, RTErrorsIs, RTErrorsUnwrap, RTErrorsEqual, RTRegisterError}

// Interpreted helpers the engine's prelude defines and the passes call by
// name: generic functions, which a host package cannot provide.
const (
	MinName = Reserved + "_min" // builtins: min(a, b...)
	MaxName = Reserved + "_max" // builtins: max(a, b...)
)

// BoundName is the values pass's helper for an argument of an instance of
// a generic type with a String (Error, Format) method, which the printer
// cannot call: _gk_bound(v) is RuntimePkg.Bound(v, fmt.Sprint(v)), the
// text made by yaegi's fmt, which can.
const BoundName = Reserved + "_bound"

// PreludeFuncs lists the helpers the engine's prelude must define.
var PreludeFuncs = []string{MinName, MaxName, BoundName}

// MainName is what the main pass renames func main to; the cell that
// declares main defines it, and the engine calls it once.
const MainName = Reserved + "_main"

// rt is the expression RuntimePkg.f, positioned at pos.
func rt(pos token.Pos, f RuntimeFunc) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: RuntimePkg}, Sel: id(string(f))}
}
