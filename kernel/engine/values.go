package engine

// Values of the session's own types, printed as Go prints them: the
// front-end's values pass (frontend/pass_values.go) types each cell with
// go/types against the session (frontend.Session, the checker's) and routes fmt's and
// log's print functions to the runtime functions defined here, which
// format through a typedfmt.Printer that knows the session's types and the
// closures calling their String, Error, GoString and Format methods.
//
// yaegi behaviours answered: the methods of interpreted types are invisible
// to compiled code (fmt ignores String inside a slice, map, field or
// pointer), an interpreted type's reflect type is its underlying type (%T
// of main.Point reads struct { X int; Y int }, of Celsius float64), and a
// value of a type with methods inside an `any` reaches fmt as yaegi's
// internal valueInterface ({0xc000… {…}} on screen).

import (
	"go/types"
	"io"
	"path"
	"reflect"
	"sync"

	"github.com/gokernel/gokernel/kernel/bundled"
	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/stdlib"
	"github.com/gokernel/gokernel/kernel/typedfmt"
	"github.com/traefik/yaegi/interp"
)

// values is one engine's static types and printer.
type values struct {
	// types is the engine's session (Engine.session), set by New once
	// the packages are loaded; the printer reads it only when cells run.
	types   *frontend.Session
	printer *typedfmt.Printer
	stdout  io.Writer
	exit    func(int)
	// logOut is the interpreter's log.Output, display the cells'
	// gokernel/display (set by useHost, which loads them).
	logOut  func(calldepth int, s string) error
	display *display.API
}

func newValues(in *interp.Interpreter, stdout io.Writer, trace *tracer) *values {
	if stdout == nil {
		stdout = io.Discard
	}
	v := &values{stdout: stdout, exit: func(code int) { panic(exitCode(code)) }}
	v.printer = typedfmt.New(typedfmt.Config{
		Site: func(id int) (typedfmt.Site, bool) {
			s, ok := v.types.Site(id)
			return typedfmt.Site(s), ok
		},
		Lookup:   func(name string) types.Type { return v.types.Lookup(name) },
		UserPath: frontend.UserPkg,
		Rethrow: func(r any) bool {
			switch r.(type) {
			case sched.Interrupted, exitCode:
				return true
			}
			return false
		},
		Recovered: trace.forgetCurrent,
	})
	return v
}

// symbolTable is the interpreter's symbols for an import path, for the
// front-end's go/types importer: the packages no table has (those compiled
// from source, a module's).
func symbolTable(in *interp.Interpreter, p string) (name string, syms map[string]reflect.Value, ok bool) {
	defer func() {
		if recover() != nil { // an interpreted package yaegi cannot export
			name, syms, ok = "", nil, false
		}
	}()
	for _, s := range in.Symbols(p) {
		syms = s
	}
	if syms == nil {
		return "", nil, false
	}
	name = packageNames()[p]
	if name == "" {
		name = path.Base(p)
	}
	return name, syms, true
}

// packageNames maps the import paths of the standard library and the
// bundled modules to their package names (math/rand/v2 is rand).
var packageNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	for _, tables := range []map[string]map[string]reflect.Value{stdlib.Symbols(), bundled.Symbols} {
		for key := range tables {
			names[path.Dir(key)] = path.Base(key)
		}
	}
	return names
})

// runtime is the part of "gokernel/rt" the values pass calls.
func (v *values) runtime() map[frontend.RuntimeFunc]any {
	pr := v.printer
	logf := func(s string) {
		if v.logOut != nil {
			v.logOut(3, s)
		}
	}
	loggerOut := func(l any, s string) {
		if o, ok := l.(interface{ Output(int, string) error }); ok {
			o.Output(3, s)
		}
	}
	return map[frontend.RuntimeFunc]any{
		frontend.RTFmtPrint:   func(site int, a ...any) (int, error) { return pr.Fprint(v.stdout, site, a) },
		frontend.RTFmtPrintln: func(site int, a ...any) (int, error) { return pr.Fprintln(v.stdout, site, a) },
		frontend.RTFmtPrintf: func(site int, format string, a ...any) (int, error) {
			return pr.Fprintf(v.stdout, site, format, a)
		},
		frontend.RTFmtSprint:   func(site int, a ...any) string { return pr.Sprint(site, a) },
		frontend.RTFmtSprintln: func(site int, a ...any) string { return pr.Sprintln(site, a) },
		frontend.RTFmtSprintf:  func(site int, format string, a ...any) string { return pr.Sprintf(site, format, a) },
		frontend.RTFmtFprint:   func(site int, w io.Writer, a ...any) (int, error) { return pr.Fprint(w, site, a) },
		frontend.RTFmtFprintln: func(site int, w io.Writer, a ...any) (int, error) { return pr.Fprintln(w, site, a) },
		frontend.RTFmtFprintf: func(site int, w io.Writer, format string, a ...any) (int, error) {
			return pr.Fprintf(w, site, format, a)
		},
		frontend.RTFmtErrorf:   func(site int, format string, a ...any) error { return pr.Errorf(site, format, a) },
		frontend.RTFmtAppend:   func(site int, b []byte, a ...any) []byte { return pr.Append(b, site, a) },
		frontend.RTFmtAppendln: func(site int, b []byte, a ...any) []byte { return pr.Appendln(b, site, a) },
		frontend.RTFmtAppendf: func(site int, b []byte, format string, a ...any) []byte {
			return pr.Appendf(b, site, format, a)
		},

		frontend.RTLogPrint:   func(site int, a ...any) { logf(pr.Sprint(site, a)) },
		frontend.RTLogPrintf:  func(site int, format string, a ...any) { logf(pr.Sprintf(site, format, a)) },
		frontend.RTLogPrintln: func(site int, a ...any) { logf(pr.Sprintln(site, a)) },
		frontend.RTLogFatal:   func(site int, a ...any) { logf(pr.Sprint(site, a)); v.exit(1) },
		frontend.RTLogFatalf:  func(site int, format string, a ...any) { logf(pr.Sprintf(site, format, a)); v.exit(1) },
		frontend.RTLogFatalln: func(site int, a ...any) { logf(pr.Sprintln(site, a)); v.exit(1) },
		frontend.RTLogPanic:   func(site int, a ...any) { s := pr.Sprint(site, a); logf(s); panic(s) },
		frontend.RTLogPanicf:  func(site int, format string, a ...any) { s := pr.Sprintf(site, format, a); logf(s); panic(s) },
		frontend.RTLogPanicln: func(site int, a ...any) { s := pr.Sprintln(site, a); logf(s); panic(s) },

		frontend.RTLoggerPrint:   func(site int, l any, a ...any) { loggerOut(l, pr.Sprint(site, a)) },
		frontend.RTLoggerPrintf:  func(site int, l any, format string, a ...any) { loggerOut(l, pr.Sprintf(site, format, a)) },
		frontend.RTLoggerPrintln: func(site int, l any, a ...any) { loggerOut(l, pr.Sprintln(site, a)) },
		frontend.RTLoggerFatal:   func(site int, l any, a ...any) { loggerOut(l, pr.Sprint(site, a)); v.exit(1) },
		frontend.RTLoggerFatalf: func(site int, l any, format string, a ...any) {
			loggerOut(l, pr.Sprintf(site, format, a))
			v.exit(1)
		},
		frontend.RTLoggerFatalln: func(site int, l any, a ...any) { loggerOut(l, pr.Sprintln(site, a)); v.exit(1) },
		frontend.RTLoggerPanic: func(site int, l any, a ...any) {
			s := pr.Sprint(site, a)
			loggerOut(l, s)
			panic(s)
		},
		frontend.RTLoggerPanicf: func(site int, l any, format string, a ...any) {
			s := pr.Sprintf(site, format, a)
			loggerOut(l, s)
			panic(s)
		},
		frontend.RTLoggerPanicln: func(site int, l any, a ...any) {
			s := pr.Sprintln(site, a)
			loggerOut(l, s)
			panic(s)
		},

		frontend.RTJSONMarshal: pr.JSONMarshal,
		frontend.RTJSONMarshalIndent: func(site int, x any, prefix, indent string) ([]byte, error) {
			return pr.JSONMarshalIndent(site, x, prefix, indent)
		},
		frontend.RTJSONUnmarshal:    pr.JSONUnmarshal,
		frontend.RTJSONEncode:       pr.JSONEncode,
		frontend.RTJSONDecode:       pr.JSONDecode,
		frontend.RTXMLMarshal:       pr.XMLMarshal,
		frontend.RTXMLMarshalIndent: pr.XMLMarshalIndent,
		frontend.RTXMLUnmarshal:     pr.XMLUnmarshal,
		frontend.RTXMLEncode:        pr.XMLEncode,
		frontend.RTXMLDecode:        pr.XMLDecode,

		frontend.RTTemplateExecute: func(site int, t any, w io.Writer, data any) error {
			return pr.TemplateExecute(site, t.(typedfmt.Executor), w, data)
		},
		frontend.RTTemplateExecuteTemplate: func(site int, t any, w io.Writer, name string, data any) error {
			return pr.TemplateExecuteTemplate(site, t.(typedfmt.Executor), w, name, data)
		},

		frontend.RTDisplayJSON: func(site int, x any) {
			if v.display != nil {
				v.display.JSON(pr.JSONValue(site, x))
			}
		},
		showTextFunc:              func(site int, x any) string { return pr.Sprint(site, []any{x}) },
		frontend.RTBound:          func(x any, text string) any { return &typedfmt.Bound{V: x, Text: text} },
		frontend.RTTuple:          func(a ...any) []any { return a },
		frontend.RTRegisterType:   pr.RegisterType,
		frontend.RTRegisterMethod: pr.RegisterMethod,
	}
}

// showTextFunc is the runtime function the prelude's textName calls: a
// rich trailing value's text/plain, its %v (show.go).
const showTextFunc frontend.RuntimeFunc = "ShowText"

// fmtValue and logValue are _gkrt.Fmt and _gkrt.Log: fmt's and log's print
// functions as values (fmt.Sprint passed to a function), without static
// types: the printer looks at the values.
type fmtValue struct{ v *values }

func (f *fmtValue) Print(a ...any) (int, error) {
	return f.v.printer.Fprint(f.v.stdout, typedfmt.NoSite, a)
}
func (f *fmtValue) Println(a ...any) (int, error) {
	return f.v.printer.Fprintln(f.v.stdout, typedfmt.NoSite, a)
}
func (f *fmtValue) Printf(format string, a ...any) (int, error) {
	return f.v.printer.Fprintf(f.v.stdout, typedfmt.NoSite, format, a)
}
func (f *fmtValue) Sprint(a ...any) string   { return f.v.printer.Sprint(typedfmt.NoSite, a) }
func (f *fmtValue) Sprintln(a ...any) string { return f.v.printer.Sprintln(typedfmt.NoSite, a) }
func (f *fmtValue) Sprintf(format string, a ...any) string {
	return f.v.printer.Sprintf(typedfmt.NoSite, format, a)
}
func (f *fmtValue) Fprint(w io.Writer, a ...any) (int, error) {
	return f.v.printer.Fprint(w, typedfmt.NoSite, a)
}
func (f *fmtValue) Fprintln(w io.Writer, a ...any) (int, error) {
	return f.v.printer.Fprintln(w, typedfmt.NoSite, a)
}
func (f *fmtValue) Fprintf(w io.Writer, format string, a ...any) (int, error) {
	return f.v.printer.Fprintf(w, typedfmt.NoSite, format, a)
}
func (f *fmtValue) Errorf(format string, a ...any) error {
	return f.v.printer.Errorf(typedfmt.NoSite, format, a)
}
func (f *fmtValue) Append(b []byte, a ...any) []byte {
	return f.v.printer.Append(b, typedfmt.NoSite, a)
}
func (f *fmtValue) Appendln(b []byte, a ...any) []byte {
	return f.v.printer.Appendln(b, typedfmt.NoSite, a)
}
func (f *fmtValue) Appendf(b []byte, format string, a ...any) []byte {
	return f.v.printer.Appendf(b, typedfmt.NoSite, format, a)
}

type logValue struct{ v *values }

func (l *logValue) out(s string) {
	if l.v.logOut != nil {
		l.v.logOut(3, s)
	}
}
func (l *logValue) Print(a ...any)   { l.out(l.v.printer.Sprint(typedfmt.NoSite, a)) }
func (l *logValue) Println(a ...any) { l.out(l.v.printer.Sprintln(typedfmt.NoSite, a)) }
func (l *logValue) Printf(format string, a ...any) {
	l.out(l.v.printer.Sprintf(typedfmt.NoSite, format, a))
}
func (l *logValue) Fatal(a ...any)   { l.out(l.v.printer.Sprint(typedfmt.NoSite, a)); l.v.exit(1) }
func (l *logValue) Fatalln(a ...any) { l.out(l.v.printer.Sprintln(typedfmt.NoSite, a)); l.v.exit(1) }
func (l *logValue) Fatalf(format string, a ...any) {
	l.out(l.v.printer.Sprintf(typedfmt.NoSite, format, a))
	l.v.exit(1)
}
func (l *logValue) Panic(a ...any) { s := l.v.printer.Sprint(typedfmt.NoSite, a); l.out(s); panic(s) }
func (l *logValue) Panicln(a ...any) {
	s := l.v.printer.Sprintln(typedfmt.NoSite, a)
	l.out(s)
	panic(s)
}
func (l *logValue) Panicf(format string, a ...any) {
	s := l.v.printer.Sprintf(typedfmt.NoSite, format, a)
	l.out(s)
	panic(s)
}

// symbols adds the values pass's functions and values to the runtime
// package's symbols.
func (v *values) symbols(syms map[string]reflect.Value) {
	for name, f := range v.runtime() {
		syms[string(name)] = reflect.ValueOf(f)
	}
	fv, lv := &fmtValue{v}, &logValue{v}
	syms[string(frontend.RTFmt)] = reflect.ValueOf(&fv).Elem()
	syms[string(frontend.RTLog)] = reflect.ValueOf(&lv).Elem()
}

// showText formats a trailing value's results for text/plain: strings
// quoted, each with the static type the values pass found, if any. It
// returns the results again, a spread []any put back together.
func (v *values) showText(c *frontend.Cell, vals []any) ([]any, []string) {
	var st []types.Type
	if id, ok := v.types.ShowSite(c); ok {
		if s, ok := v.types.Site(id); ok {
			if len(s.Args) == 1 && len(vals) != 1 {
				// A call's one []any result: yaegi spread it into
				// _gk_show's ...any.
				vals = []any{vals}
			}
			if len(s.Args) == len(vals) {
				st = s.Args
			}
		}
	}
	out := make([]string, len(vals))
	for i, x := range vals {
		var t types.Type
		if st != nil {
			t = st[i]
		}
		out[i] = v.printer.Value(x, t)
	}
	return vals, out
}

// forgetCurrent drops what the interpreter traced for the calling
// goroutine's last panic: the printer recovered it (a String method that
// panicked prints as %!v(PANIC=…)), so it is no panic of the cell's.
func (t *tracer) forgetCurrent() {
	id := goid()
	t.mu.Lock()
	delete(t.traces, id)
	t.mu.Unlock()
}
