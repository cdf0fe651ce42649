package engine

// What the interpreter is given: the standard library of the running Go
// (package stdlib), the modules compiled in for offline lessons (package
// bundled), and besides them: yaegi's own
// versions of a few standard functions are replaced, and the host packages
// cells import ("gokernel/display"; "gokernel/rt", runtime.go, which the
// rewritten code imports) are added.
//
// yaegi behaviours answered here:
//   - os.Exit panics with a string, which would read as a panic; here it
//     panics with exitCode, reported as `go run` reports it ("exit status N").
//   - os.Stdout, os.Stderr and os.Stdin rebind only to an *os.File (see File).
//   - Restricted mode gives interpreted code a private, empty environment.
//   - log.Fatal* are log.Panic* (print, then panic); Go prints and exits 1.
//   - errors.As panics on a target of an interpreted error type (errorsAs).
//   - errors.Is and errors.Unwrap miss interpreted Unwrap and Is methods
//     (errortree.go; the errors pass routes the calls there).

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"reflect"

	"github.com/gokernel/gokernel/kernel/bundled"
	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/stdlib"
	"github.com/traefik/yaegi/interp"
)

// exitCode is the panic value of os.Exit and log.Fatal* in a cell.
type exitCode int

// useHost loads the standard library and the host symbols into in. It
// returns the tables it loaded, in order, for the front-end's type checker.
func useHost(in *interp.Interpreter, o Options, stderr io.Writer, vals *values) ([]interp.Exports, error) {
	var used []interp.Exports
	use := func(x interp.Exports) error {
		used = append(used, x)
		return in.Use(x)
	}
	if err := use(stdlib.Symbols()); err != nil {
		return nil, fmt.Errorf("engine: loading the standard library: %w", err)
	}
	if err := use(bundled.Symbols); err != nil {
		return nil, fmt.Errorf("engine: loading the bundled modules: %w", err)
	}
	exit := func(code int) { panic(exitCode(code)) }
	if o.Exit != nil {
		exit = o.Exit
	}
	syms := interp.Exports{
		"os/os":                               osSymbols(o, stderr, exit),
		"time/time":                           timeSymbols(o.Tracker),
		"sync/sync":                           syncSymbols(),
		"errors/errors":                       {"As": reflect.ValueOf(errorsAs)},
		"golang.org/x/sync/errgroup/errgroup": errgroupSymbols(),
	}
	rt := runtimeSymbols(stderr, o.Tracker)
	vals.exit = exit
	vals.logOut, _ = in.Symbols("log")["log"]["Output"].Interface().(func(int, string) error)
	vals.symbols(rt)
	(&errorTypes{}).symbols(rt)
	if err := checkRuntime(rt); err != nil {
		return nil, err
	}
	syms[frontend.RuntimePath+"/"+path.Base(frontend.RuntimePath)] = rt
	if log := logSymbols(in, exit); log != nil {
		syms["log/log"] = log
	}
	if err := use(syms); err != nil {
		return nil, fmt.Errorf("engine: loading overrides: %w", err)
	}
	sink := o.Display
	if sink == nil {
		sink = func(outcome.Display) {}
	}
	vals.display = display.New(sink)
	if err := use(vals.display.Symbols()); err != nil {
		return nil, fmt.Errorf("engine: loading %s: %w", display.Path, err)
	}
	return used, nil
}

// osSymbols replace os's standard streams, Exit and environment.
func osSymbols(o Options, stderr io.Writer, exit func(int)) map[string]reflect.Value {
	var stdin, stdout, stderrFile File = &stdFile{name: "/dev/stdin", fd: 0, r: o.Stdin},
		&stdFile{name: "/dev/stdout", fd: 1, w: o.Stdout}, &stdFile{name: "/dev/stderr", fd: 2, w: stderr}
	return map[string]reflect.Value{
		// yaegi's os.Exit panics with a string; ours with exitCode, which
		// toError reports as `go run` does ("exit status N").
		"Exit":   reflect.ValueOf(exit),
		"Stdin":  reflect.ValueOf(&stdin).Elem(),
		"Stdout": reflect.ValueOf(&stdout).Elem(),
		"Stderr": reflect.ValueOf(&stderrFile).Elem(),
		// yaegi, unless Unrestricted, gives interpreted code a private
		// environment (Options.Env, empty here) for os.Getenv and its
		// siblings, so a cell would see no $HOME, $PATH or what %env sets.
		// A cell runs as `go run` would: it sees and changes the worker
		// process's real environment, which !cmd lines inherit too.
		"Getenv":    reflect.ValueOf(os.Getenv),
		"LookupEnv": reflect.ValueOf(os.LookupEnv),
		"Setenv":    reflect.ValueOf(os.Setenv),
		"Unsetenv":  reflect.ValueOf(os.Unsetenv),
		"Environ":   reflect.ValueOf(os.Environ),
		"ExpandEnv": reflect.ValueOf(os.ExpandEnv),
		"Clearenv":  reflect.ValueOf(os.Clearenv),
	}
}

// logSymbols replace log.Fatal*: in yaegi they are log.Panic*, the message
// is printed, then the cell panics with it. Go prints and exits with status
// 1. nil when the standard library's log lacks Output.
func logSymbols(in *interp.Interpreter, exit func(int)) map[string]reflect.Value {
	out, ok := in.Symbols("log")["log"]["Output"].Interface().(func(int, string) error)
	if !ok {
		return nil
	}
	return map[string]reflect.Value{
		"Fatal":   reflect.ValueOf(func(v ...any) { out(2, fmt.Sprint(v...)); exit(1) }),
		"Fatalf":  reflect.ValueOf(func(f string, v ...any) { out(2, fmt.Sprintf(f, v...)); exit(1) }),
		"Fatalln": reflect.ValueOf(func(v ...any) { out(2, fmt.Sprintln(v...)); exit(1) }),
	}
}

// File is the type cells see for os.Stdin, os.Stdout and os.Stderr.
//
// yaegi rebinds os.Stdout for interpreted code only to an *os.File, whose
// writes go to a file descriptor and so cannot tell which goroutine wrote
// them. The engine binds these names to Files instead, backed by the
// io.Writers in Options, which route each write to the cell of the goroutine
// that made it. The cost: code that needs an *os.File itself
// (`var f *os.File = os.Stdout`) does not compile; everything taking an
// io.Writer or io.Reader, and method calls, work.
type File interface {
	io.Reader
	io.Writer
	io.StringWriter
	Close() error
	Sync() error
	Fd() uintptr
	Name() string
}

type stdFile struct {
	name string
	fd   uintptr
	r    io.Reader
	w    io.Writer
}

var errNotOpen = errors.New("bad file descriptor")

func (f *stdFile) Read(p []byte) (int, error) {
	if f.r == nil {
		return 0, errNotOpen
	}
	return f.r.Read(p)
}

func (f *stdFile) Write(p []byte) (int, error) {
	if f.w == nil {
		return 0, errNotOpen
	}
	return f.w.Write(p)
}

func (f *stdFile) WriteString(s string) (int, error) { return f.Write([]byte(s)) }
func (f *stdFile) Close() error                      { return nil }
func (f *stdFile) Sync() error                       { return nil }
func (f *stdFile) Fd() uintptr                       { return f.fd }
func (f *stdFile) Name() string                      { return f.name }

// errorsAs is errors.As for interpreted error types. yaegi v0.16.1 hands a
// value of an interpreted type implementing error to compiled code wrapped
// in a struct whose first field is IValue, and the type behind the target
// pointer has no methods for reflect, so the standard errors.As panics with
// "errors: *target must be interface or implement error". This version
// unwraps the chain itself and compares the wrapped values' types.
func errorsAs(err error, target any) bool {
	tv := reflect.ValueOf(target)
	if !tv.IsValid() || tv.Kind() != reflect.Pointer || tv.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	te := tv.Elem()
	tt := te.Type()
	var walk func(err error) bool
	walk = func(err error) bool {
		for err != nil {
			v := reflect.ValueOf(err)
			cands := []reflect.Value{v}
			for w := v; ; {
				if w.Kind() == reflect.Pointer && !w.IsNil() {
					w = w.Elem()
				}
				if w.Kind() == reflect.Struct && w.NumField() > 0 && w.Type().Field(0).Name == "IValue" {
					inner := w.Field(0)
					if inner.Kind() == reflect.Interface && !inner.IsNil() {
						inner = inner.Elem()
					}
					cands = append(cands, inner)
					w = inner
					continue
				}
				break
			}
			for _, c := range cands {
				if c.IsValid() && c.Type().AssignableTo(tt) {
					te.Set(c)
					return true
				}
			}
			if x, ok := err.(interface{ As(any) bool }); ok && x.As(target) {
				return true
			}
			switch u := err.(type) {
			case interface{ Unwrap() error }:
				err = u.Unwrap()
			case interface{ Unwrap() []error }:
				for _, e := range u.Unwrap() {
					if walk(e) {
						return true
					}
				}
				return false
			default:
				return false
			}
		}
		return false
	}
	return walk(err)
}
