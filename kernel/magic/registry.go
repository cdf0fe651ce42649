package magic

// The magic registry: one entry per magic, from which dispatch, %help, the
// "is a line magic / is a cell magic" hints and Names all derive, as
// IPython's magics table ({"line": {…}, "cell": {…}}) does. A name may be a
// line magic and a cell magic (%time, %%time): two entries. Adding a magic
// is adding one entry.

import (
	"context"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/outcome"
)

// kind says how a magic is written.
type kind int

const (
	lineMagic kind = iota // %name args: a whole line, anywhere a statement may start
	cellMagic             // %%name args: the first line; the rest of the cell is its body
)

func (k kind) prefix() string {
	if k == cellMagic {
		return "%%"
	}
	return "%"
}

type magic struct {
	kind  kind
	name  string // without % or %%
	args  string // as %help shows them: "STMT", "[-a] PATH"
	help  string // one line, for %help
	alone bool   // must be the only line of its cell
	// run runs the magic; p.Args is the rest of its line, p.Body (a cell
	// magic's) the rest of the cell, p.Line its line in the cell.
	run func(r *Runner, ctx context.Context, p piece) Result
}

// call is the magic as written: "%%writefile".
func (m *magic) call() string { return m.kind.prefix() + m.name }

// usage is the magic as %help shows it: "%%writefile [-a] PATH".
func (m *magic) usage() string {
	if m.args == "" {
		return m.call()
	}
	return m.call() + " " + m.args
}

// magics is the registry, in %help's order. It is filled in by init, not by
// its declaration, because %help's entry reads it: Go rejects a variable
// whose initializer refers to the variable itself.
var magics []magic

func init() {
	magics = []magic{
		{kind: lineMagic, name: "time", args: "STMT",
			help: "run STMT once; print wall and CPU time, goroutines started, allocations",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.time(ctx, p.Args, p.Line) }},
		{kind: cellMagic, name: "time",
			help: "the same for the whole cell",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.time(ctx, p.Body, p.Line+1) }},
		{kind: lineMagic, name: "timeit", args: "STMT",
			help: "run STMT in loops of ≥0.2 s; print mean ± std. dev. of 7 runs",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.timeit(ctx, p.Args) }},
		{kind: cellMagic, name: "timeit",
			help: "the same for the whole cell",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.timeit(ctx, p.Body) }},
		{kind: lineMagic, name: "env", args: "[NAME[=VALUE]]",
			help: "list the environment, show NAME, or set it (the worker's, seen by os.Getenv and !cmd)",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return failed(r.env(p.Args)) }},
		{kind: lineMagic, name: "who",
			help: "list the session's variables (with types), functions and packages",
			run:  func(r *Runner, ctx context.Context, p piece) Result { r.who(); return Result{} }},
		{kind: lineMagic, name: "reset", alone: true,
			help: "start a fresh worker: every variable, function, type and import is gone",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.reset() }},
		{kind: lineMagic, name: "gomaxprocs", args: "[N]",
			help: "show or set runtime.GOMAXPROCS",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return failed(r.gomaxprocs(p.Args)) }},
		{kind: lineMagic, name: "goroutines", args: "[--watch]",
			help: "list your goroutines: state and the cell that started them; --watch: a live count, by what they wait for, until the cell ends",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return failed(r.goroutinesMagic(p.Args)) }},
		{kind: cellMagic, name: "timeline",
			help: "run the cell and draw what the scheduler did: each P, each of the cell's goroutines running, runnable or blocked (on what)",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.timelineCell(ctx, p.Body, p.Line+1) }},
		{kind: cellMagic, name: "run", args: "[ARGS]",
			help: "build the cell with the Go toolchain and run it as a program (go run), with what it uses of earlier cells",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.goRun(ctx, p, false) }},
		{kind: cellMagic, name: "race", args: "[ARGS]",
			help: "the same with the race detector (go run -race): data races reported at the cell's lines",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.goRun(ctx, p, true) }},
		{kind: cellMagic, name: "writefile", args: "[-a] PATH",
			help: "write (-a: append) the cell body to PATH, relative to the kernel's directory",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return failed(r.writefile(p.Args, p.Body)) }},
		{kind: lineMagic, name: "go", args: "get MODULE[@VERSION]",
			help: "download a pure-Go module and import its packages in later cells (interpreted); go.mod beside the notebook remembers it",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return failed(r.goCommand(ctx, p.Args)) }},
		{kind: lineMagic, name: "check", args: "NAME",
			help: "run the hidden test of the lesson's exercise NAME on your code: ✓ when it passes, else what is wrong (times out after 10s unless the lesson says)",
			run:  func(r *Runner, ctx context.Context, p piece) Result { return r.check(ctx, p.Args) }},
		{kind: lineMagic, name: "help",
			help: "this list",
			run:  func(r *Runner, ctx context.Context, p piece) Result { r.helpList(); return Result{} }},
	}
}

// Names are the magics as written, "%time", "%%time", …, for completion.
func Names() []string {
	out := make([]string, len(magics))
	for i := range magics {
		out[i] = magics[i].call()
	}
	return out
}

func lookup(k kind, name string) *magic {
	for i := range magics {
		if magics[i].kind == k && magics[i].name == name {
			return &magics[i]
		}
	}
	return nil
}

// magic runs a line or cell magic piece, one of n pieces of its cell.
func (r *Runner) magic(ctx context.Context, p piece, n int) Result {
	k := lineMagic
	if p.Kind == pieceCell {
		k = cellMagic
	}
	m := lookup(k, p.Name)
	switch {
	case m == nil:
		return failed(unknown(k, p.Name))
	case m.alone && n > 1:
		return failed(magicError(m.call() + " must be the only line of its cell"))
	}
	return m.run(r, ctx, p)
}

// unknown is the error for a magic the registry does not have as written,
// with a hint when it has it as the other kind.
func unknown(k kind, name string) *outcome.Error {
	hint := "run %help for the list of magics"
	if other := lookup(1-k, name); other != nil {
		if other.kind == cellMagic {
			hint = other.call() + " is a cell magic: put it on the cell's first line"
		} else {
			hint = other.call() + " is a line magic: write it with one %"
		}
	}
	return magicError("unknown magic " + k.prefix() + name + " (" + hint + ")")
}

// failed is the Result of a magic that ends with err (nil: it did not fail).
func failed(err *outcome.Error) Result { return Result{Result: engine.Result{Err: err}} }
