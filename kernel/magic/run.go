package magic

// Running a cell: its pieces in order, Go to the engine, magics through the
// registry (registry.go).

import (
	"context"
	"io"
	"io/fs"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/modules"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

// Runner runs cells with magics; it lives in the worker, next to the
// engine. Run is called from the cell's goroutine.
type Runner struct {
	Eng            *engine.Engine
	Tracker        *sched.Tracker
	Stdout, Stderr io.Writer
	// Doc documents a standard-library name for "name?" (package assist);
	// nil: only the session's own names are documented.
	Doc func(name string) (string, bool)
	// Modules are the session's modules (%go get); nil: %go get says it
	// has none.
	Modules *modules.Session
	// Display publishes a display action under the calling goroutine's
	// cell (%%timeline's picture, %goroutines --watch); nil: dropped.
	Display func(outcome.Display)
	// Lessons are where %check finds exercises; nil: the lessons embedded
	// in the binary (package lessons at the module's root).
	Lessons fs.FS

	ntimeit int
	depth   int      // Runs in progress: %time runs its statement through Run
	watch   *watcher // %goroutines --watch of the running cell, nil if none
	hist    []histCell
	prog    progDir // %%run's module directory
}

// Result is a cell's engine.Result plus what only magics produce.
type Result struct {
	engine.Result
	Reset   bool             // %reset: the worker must be replaced
	Payload []map[string]any // execute_reply payload ("page" for name?)

	goSrc []string // the Go the cell ran, each piece in cell lines (history.go)
}

// Run runs one cell. A cell that succeeds is remembered for %%run
// (history.go); a watcher the cell started stops when it ends.
func (r *Runner) Run(ctx context.Context, code string) Result {
	r.depth++
	defer func() {
		if r.depth--; r.depth == 0 {
			r.stopWatch()
		}
	}()
	res := r.run(ctx, code)
	if r.depth == 1 && res.Err == nil && !res.Reset {
		r.remember(res)
	}
	return res
}

func (r *Runner) run(ctx context.Context, code string) Result {
	pieces := parse(code)
	if pieces == nil {
		return Result{Result: r.Eng.Execute(ctx, code), goSrc: []string{code}}
	}
	var res Result
	for i, p := range pieces {
		var pr Result
		switch p.Kind {
		case pieceGo:
			pr = r.goPiece(ctx, p.Body, p.Line)
		case pieceShell:
			pr = failed(r.shell(ctx, p.Name))
		case pieceHelp:
			pr = r.help(p.Args)
		case pieceLine, pieceCell:
			pr = r.magic(ctx, p, len(pieces))
		}
		res.Replay = append(res.Replay, pr.Replay...)
		res.Vars = append(res.Vars, pr.Vars...)
		res.Names = append(res.Names, pr.Names...)
		res.Payload = append(res.Payload, pr.Payload...)
		res.goSrc = append(res.goSrc, pr.goSrc...)
		res.Reset = res.Reset || pr.Reset
		if pr.Err != nil {
			res.Err = pr.Err
			res.Data = nil
			return res
		}
		if i == len(pieces)-1 {
			res.Data = pr.Data
		}
	}
	return res
}

// goPiece runs Go code that starts on line `line` of the cell, keeping the
// cell's line numbers in errors.
func (r *Runner) goPiece(ctx context.Context, code string, line int) Result {
	src := strings.Repeat("\n", line) + code
	return Result{Result: r.Eng.Execute(ctx, src), goSrc: []string{src}}
}

func magicError(msg string) *outcome.Error { return outcome.Simple("magic error", msg) }
