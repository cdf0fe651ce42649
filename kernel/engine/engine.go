package engine

// The Engine itself: one interpreter, what it is given when it is made, and
// the one place every chunk is evaluated.
//
// yaegi behaviour answered here: its compiler can panic on some malformed
// programs outside the goroutine EvalWithContext protects (eval recovers),
// and it writes a line to its Stderr for every interpreted function a panic
// unwinds (the tracer, trace.go, takes those lines off the student's stderr).

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/stdlib"
	"github.com/traefik/yaegi/interp"
)

// Options are the streams a cell sees and the scheduler view it reports to.
type Options struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Tracker knows which cell each goroutine belongs to; nil: a new one.
	Tracker *sched.Tracker
	// Exit, when set, is what os.Exit and log.Fatal call, from whichever
	// goroutine; it must not return. Unset, they end the cell with
	// "exit status N" and the interpreter lives on.
	Exit func(code int)
	// Display receives the events of the cells' "gokernel/display"
	// package (package display); nil: they are dropped.
	Display display.Sink
	// Sources, when set, holds Go packages cells can import from source
	// besides the compiled-in ones (package modules); nil: none.
	Sources Sources
}

// Sources are Go packages in GOPATH layout that yaegi interprets from
// source when a cell imports them: the FS holds GoPath()/src/<import
// path>/*.go. yaegi reads it at every import of a package it does not have
// yet, so packages added after New become importable; the standard library
// and the other compiled-in packages keep precedence (yaegi looks for a
// compiled-in package first). The FS also serves whatever else yaegi opens
// (nothing, for cells evaluated from strings).
type Sources interface {
	fs.FS
	GoPath() string
	// BuildTags are the build tags source files are selected with.
	BuildTags() []string
	// ImportHint may explain why importing path failed with the
	// interpreter's message msg; "" when it has nothing to add.
	ImportHint(path, msg string) string
}

// Engine is one interpreter and the state cells build up in it.
type Engine struct {
	in      *interp.Interpreter
	trace   *tracer
	tracker *sched.Tracker
	stderr  io.Writer
	sources Sources // nil: no source packages
	ncell   int
	imports map[string]string // import name -> path
	defined map[string]bool   // top-level names user cells declared
	vars    map[string]bool   // package-level variables user cells declared
	funcs   map[string]*def   // func name or "T.M" -> definition
	broken  map[string]string // func name -> the cell whose failed declarations left it (redefine.go)
	types   map[string]string // type name -> its definition (Cell.Text)
	// typeNames names the struct types user cells declared: yaegi gives
	// them unnamed reflect types ("struct { X int }"), see typeName.
	typeNames map[reflect.Type]string
	vals      *values // the session's static types and printer (values.go)
	// generic holds the kernel's own generic standard library (slices,
	// maps, cmp, iter, …), which yaegi v0.16.1's compiled tables cannot.
	generic *stdlib.Loader
	// errText is the prelude's errTextName: a value's Error or String,
	// asked of the interpreter (gowords.go).
	errText reflect.Value
	// session is what the front-end's type checker knows of earlier cells;
	// cell is the cell being run and chunk the piece last evaluated, whose
	// compile errors the checker may word as Go does (typecheck.go).
	session *frontend.Session
	cell    *frontend.Cell
	chunk   string
}

type def struct {
	sig  string // "func(x int) string", for %who, completion and inspection
	src  string
	refs map[string]bool // identifiers the body mentions
}

// New loads an interpreter with the standard library, the host symbols
// (host.go, runtime.go, sched.go) and the prelude.
func New(o Options) (*Engine, error) {
	var stderr io.Writer = io.Discard
	if o.Stderr != nil {
		stderr = o.Stderr
	}
	if o.Tracker == nil {
		o.Tracker = sched.NewTracker()
	}
	tracker.Store(o.Tracker)
	// yaegi writes "1:28: panic: main(...)" to its Stderr when a cell
	// panics; the filter drops those lines, the panic is reported as the
	// cell's error.
	filtered := newTracer(stderr)
	yo := interp.Options{Stdin: o.Stdin, Stdout: o.Stdout, Stderr: filtered}
	if o.Sources != nil {
		yo.GoPath, yo.SourcecodeFilesystem, yo.BuildTags = o.Sources.GoPath(), o.Sources, o.Sources.BuildTags()
	}
	in := interp.New(yo)
	e := &Engine{in: in, trace: filtered, tracker: o.Tracker, stderr: stderr, sources: o.Sources, imports: map[string]string{}, defined: map[string]bool{},
		vars: map[string]bool{}, funcs: map[string]*def{}, types: map[string]string{}, typeNames: map[reflect.Type]string{}}
	e.vals = newValues(in, o.Stdout, filtered)
	tables, err := useHost(in, o, stderr, e.vals)
	if err != nil {
		return nil, err
	}
	e.session = frontend.NewSession(checkerPackages(in, tables))
	e.vals.types = e.session
	gen, err := stdlib.NewLoader(in)
	if err != nil {
		return nil, fmt.Errorf("engine: generic standard library: %w", err)
	}
	e.generic = gen
	// All of it, now, before the prelude and any cell. yaegi behaviour
	// answered: a source package compiled after a cell has run shares frame
	// slots with later cells' variables (a cell after `import "slices"`
	// panicked with "reflect.Set: value of type []int is not assignable to
	// type int"). It costs about 15 ms per worker start.
	var all []string
	for _, p := range stdlib.Generic() {
		all = append(all, p.Path)
	}
	if err := gen.Load(all...); err != nil {
		return nil, err
	}
	if _, err := e.eval(context.Background(), prelude); err != nil {
		return nil, fmt.Errorf("engine: prelude: %w", err)
	}
	if e.errText, err = e.in.Eval(errTextName); err != nil {
		return nil, fmt.Errorf("engine: prelude: %w", err)
	}
	return e, nil
}

// eval is EvalWithContext with a recover: yaegi can panic in its compiler on
// some malformed programs, outside the goroutine EvalWithContext protects.
func (e *Engine) eval(ctx context.Context, src string) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal interpreter error: %v", r)
		}
	}()
	// Chunks carry no //line directive (see frontend's printer): yaegi
	// reports positions relative to the chunk, and cellPositions maps them
	// back through the chunk's line table.
	if debugChunks {
		fmt.Fprintf(os.Stderr, "--- chunk\n%s\n", src)
	}
	e.chunk = src
	v, err = e.in.EvalWithContext(ctx, src)
	if err == nil && strings.Contains(src, "func ") {
		e.trace.compiled(src, e.tracker)
	}
	return v, cellPositions(err, src)
}

// debugChunks prints every chunk the engine evaluates to the process's
// stderr (GOKERNEL_DEBUG_CHUNKS=1), to see what the front-end produced.
var debugChunks = os.Getenv("GOKERNEL_DEBUG_CHUNKS") != ""
