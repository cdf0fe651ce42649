package magic

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
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

	ntimeit int
}

// Result is a cell's engine.Result plus what only magics produce.
type Result struct {
	engine.Result
	Reset   bool             // %reset: the worker must be replaced
	Payload []map[string]any // execute_reply payload ("page" for name?)
}

// magics lists every magic with its one-line help, for %help.
var magics = []struct{ name, help string }{
	{"%time STMT", "run STMT once; print wall and CPU time, goroutines started, allocations"},
	{"%%time", "the same for the whole cell"},
	{"%timeit STMT", "run STMT in loops of ≥0.2 s; print mean ± std. dev. of 7 runs"},
	{"%%timeit", "the same for the whole cell"},
	{"%env [NAME[=VALUE]]", "list the environment, show NAME, or set it (the worker's, seen by os.Getenv and !cmd)"},
	{"%who", "list the session's variables (with types), functions and packages"},
	{"%reset", "start a fresh worker: every variable, function, type and import is gone"},
	{"%gomaxprocs [N]", "show or set runtime.GOMAXPROCS"},
	{"%goroutines", "list your goroutines: state and the cell that started them"},
	{"%%writefile [-a] PATH", "write (-a: append) the cell body to PATH, relative to the kernel's directory"},
	{"!command", "run a shell command (/bin/sh -c); output streams in; interrupt stops it"},
	{"name?", "show the documentation of name (pkg.Name or your own)"},
	{"%help", "this list"},
}

// Names are the magic names, with their % or %%, for completion.
func Names() []string {
	var out []string
	for _, m := range magics {
		if strings.HasPrefix(m.name, "%") {
			n, _, _ := strings.Cut(m.name, " ")
			out = append(out, n)
		}
	}
	return out
}

// Run runs one cell.
func (r *Runner) Run(ctx context.Context, code string) Result {
	pieces := Parse(code)
	if pieces == nil {
		return Result{Result: r.Eng.Execute(ctx, code)}
	}
	var res Result
	for i, p := range pieces {
		var pr Result
		switch p.Kind {
		case Go:
			pr = r.goPiece(ctx, p.Body, p.Line)
		case Shell:
			pr.Err = r.shell(ctx, p.Name)
		case Help:
			pr = r.help(p.Args)
		case Line, Cell:
			if p.Name == "reset" && len(pieces) > 1 {
				pr.Err = magicError("%reset must be the only line of its cell")
			} else {
				pr = r.magic(ctx, p)
			}
		}
		res.Replay = append(res.Replay, pr.Replay...)
		res.Vars = append(res.Vars, pr.Vars...)
		res.Names = append(res.Names, pr.Names...)
		res.Payload = append(res.Payload, pr.Payload...)
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
	return Result{Result: r.Eng.Execute(ctx, strings.Repeat("\n", line)+code)}
}

func magicError(msg string) *outcome.Error { return outcome.Simple("magic error", msg) }

func (r *Runner) magic(ctx context.Context, p Piece) Result {
	cell := p.Kind == Cell
	name := p.Name
	if cell {
		name = "%" + name
	}
	switch name {
	case "time":
		return r.time(ctx, p.Args, p.Line)
	case "%time":
		return r.time(ctx, p.Body, p.Line+1)
	case "timeit":
		return r.timeit(ctx, p.Args)
	case "%timeit":
		return r.timeit(ctx, p.Body)
	case "env":
		return Result{Result: engine.Result{Err: r.env(p.Args)}}
	case "who":
		r.who()
	case "reset":
		fmt.Fprintln(r.Stdout, "Reset: a fresh worker takes the next cell; every variable, function, type, import and goroutine of this session is gone.")
		return Result{Reset: true}
	case "gomaxprocs":
		if p.Args == "" {
			fmt.Fprintln(r.Stdout, runtime.GOMAXPROCS(0))
			break
		}
		n, err := strconv.Atoi(p.Args)
		if err != nil || n < 1 {
			return Result{Result: engine.Result{Err: magicError("%gomaxprocs: want a positive number, got " + strconv.Quote(p.Args))}}
		}
		old := runtime.GOMAXPROCS(n)
		fmt.Fprintf(r.Stdout, "GOMAXPROCS: %d (was %d)\n", n, old)
	case "goroutines":
		r.goroutines()
	case "%writefile":
		return Result{Result: engine.Result{Err: r.writefile(p.Args, p.Body)}}
	case "help":
		r.help0()
	default:
		what := "%" + name
		hint := "run %help for the list of magics"
		switch {
		case p.Name == "writefile":
			hint = "%%writefile is a cell magic: put it on the cell's first line"
		case cell && (p.Name == "env" || p.Name == "who" || p.Name == "reset" || p.Name == "gomaxprocs" || p.Name == "goroutines" || p.Name == "help"):
			hint = "%" + p.Name + " is a line magic: write it with one %"
		}
		return Result{Result: engine.Result{Err: magicError("unknown magic " + what + " (" + hint + ")")}}
	}
	return Result{}
}

func (r *Runner) help0() {
	tw := tabwriter.NewWriter(r.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Magics (line magics are whole lines anywhere in a cell; %% cell magics only on the first line):")
	for _, m := range magics {
		fmt.Fprintf(tw, "  %s\t%s\n", m.name, m.help)
	}
	tw.Flush()
}

// time runs code once and prints what it cost.
func (r *Runner) time(ctx context.Context, code string, line int) Result {
	if strings.TrimSpace(code) == "" {
		return Result{Result: engine.Result{Err: magicError("%time needs a statement: %time f(x)")}}
	}
	var ru0, ru1 syscall.Rusage
	var m0, m1 runtime.MemStats
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	runtime.ReadMemStats(&m0)
	g0 := engine.GoroutinesStarted()
	t0 := time.Now()
	res := r.Run(ctx, strings.Repeat("\n", line)+code)
	wall := time.Since(t0)
	g1 := engine.GoroutinesStarted()
	runtime.ReadMemStats(&m1)
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	if res.Err != nil {
		return res
	}
	user := tv(ru1.Utime) - tv(ru0.Utime)
	sys := tv(ru1.Stime) - tv(ru0.Stime)
	fmt.Fprintf(r.Stdout, "CPU times: user %s, sys %s, total %s\nWall time: %s\nGoroutines started: %d\nAllocations: %d (%s)\n",
		dur(user), dur(sys), dur(user+sys), dur(wall), g1-g0, m1.Mallocs-m0.Mallocs, bytesize(m1.TotalAlloc-m0.TotalAlloc))
	return res
}

func tv(t syscall.Timeval) time.Duration {
	return time.Duration(t.Sec)*time.Second + time.Duration(t.Usec)*time.Microsecond
}

// dur prints a duration with 3 significant digits, as IPython does.
func dur(d time.Duration) string {
	s := d.Seconds()
	units := []struct {
		name  string
		scale float64
	}{{"s", 1}, {"ms", 1e-3}, {"µs", 1e-6}, {"ns", 1e-9}}
	for _, u := range units {
		if s >= u.scale || u.name == "ns" {
			v := s / u.scale
			return strconv.FormatFloat(v, 'g', 3, 64) + " " + u.name
		}
	}
	return d.String()
}

func bytesize(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// timeitTarget is how long one run of the loops must take at least.
const (
	timeitTarget = 200 * time.Millisecond
	timeitRuns   = 7
)

// timeit runs code in a compiled loop: loops is chosen 1, 2, 5, 10, 20, …
// until a run takes at least timeitTarget, then 7 runs are timed.
func (r *Runner) timeit(ctx context.Context, code string) Result {
	if strings.TrimSpace(code) == "" {
		return Result{Result: engine.Result{Err: magicError("%timeit needs a statement: %timeit f(x)")}}
	}
	body := strings.TrimSpace(code)
	if x, err := parser.ParseExpr(body); err == nil {
		switch x := x.(type) {
		case *ast.CallExpr:
		case *ast.UnaryExpr:
			if x.Op != token.ARROW {
				body = "_ = " + body
			}
		default:
			body = "_ = " + body // Go wants an expression that is not a call used
		}
	}
	r.ntimeit++
	name := fmt.Sprintf("_gk_timeit%d", r.ntimeit)
	src := "func " + name + "(_gk_n int) {\n\tfor _gk_i := 0; _gk_i < _gk_n; _gk_i++ {\n" + body + "\n\t}\n}"
	if res := r.Eng.Execute(ctx, src); res.Err != nil {
		return Result{Result: res}
	}
	v, err := r.Eng.Eval(ctx, name)
	if err != nil || !v.IsValid() || v.Kind() != reflect.Func {
		return Result{Result: engine.Result{Err: magicError(fmt.Sprintf("%%timeit: could not compile the loop: %v", err))}}
	}
	loop := func(n int) (d time.Duration, e *outcome.Error) {
		defer func() {
			if p := recover(); p != nil {
				if _, ok := p.(sched.Interrupted); ok {
					e = outcome.Interrupt()
					return
				}
				msg := "panic: " + engine.PanicValue(p)
				e = &outcome.Error{Name: "panic", Value: engine.PanicValue(p), Traceback: []string{msg}}
			}
		}()
		arg := []reflect.Value{reflect.ValueOf(n)}
		t0 := time.Now()
		v.Call(arg)
		return time.Since(t0), nil
	}
	loops := 0
search:
	for base := 1; ; base *= 10 {
		for _, f := range []int{1, 2, 5} {
			loops = base * f
			d, e := loop(loops)
			if e != nil {
				return Result{Result: engine.Result{Err: e}}
			}
			if d >= timeitTarget || loops >= 1e9 {
				break search
			}
		}
	}
	var per []float64
	for i := 0; i < timeitRuns; i++ {
		d, e := loop(loops)
		if e != nil {
			return Result{Result: engine.Result{Err: e}}
		}
		per = append(per, d.Seconds()/float64(loops))
	}
	mean, std := meanStd(per)
	fmt.Fprintf(r.Stdout, "%s ± %s per loop (mean ± std. dev. of %d runs, %s each)\n",
		dur(time.Duration(mean*1e9)), dur(time.Duration(std*1e9)), timeitRuns, outcome.Count(loops, "loop"))
	return Result{}
}

func meanStd(xs []float64) (mean, std float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(xs)))
}

func (r *Runner) env(args string) *outcome.Error {
	args = strings.TrimSpace(args)
	if args == "" {
		env := os.Environ()
		sort.Strings(env)
		for _, kv := range env {
			fmt.Fprintln(r.Stdout, kv)
		}
		return nil
	}
	name, value, set := strings.Cut(args, "=")
	if !set {
		name, value, set = strings.Cut(args, " ")
	}
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if !set {
		v, ok := os.LookupEnv(name)
		if !ok {
			return magicError("%env: " + name + " is not set")
		}
		fmt.Fprintln(r.Stdout, v)
		return nil
	}
	if err := os.Setenv(name, value); err != nil {
		return magicError("%env: " + err.Error())
	}
	fmt.Fprintf(r.Stdout, "env: %s=%s\n", name, value)
	return nil
}

func (r *Runner) who() {
	names := r.Eng.Names()
	if len(names) == 0 {
		fmt.Fprintln(r.Stdout, "Interactive namespace is empty.")
		return
	}
	tw := tabwriter.NewWriter(r.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Name\tKind\tType")
	fmt.Fprintln(tw, "----\t----\t----")
	for _, v := range names {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Name, v.Kind, v.Type)
	}
	tw.Flush()
}

func (r *Runner) writefile(args, body string) *outcome.Error {
	f := strings.Fields(args)
	appendTo := len(f) > 0 && (f[0] == "-a" || f[0] == "--append")
	if appendTo {
		f = f[1:]
	}
	if len(f) != 1 {
		return magicError("%%writefile: want one path: %%writefile [-a] PATH")
	}
	path, err := strconv.Unquote(f[0])
	if err != nil {
		path = f[0]
	}
	verb := "Writing"
	if _, err := os.Stat(path); err == nil {
		verb = "Overwriting"
		if appendTo {
			verb = "Appending to"
		}
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if appendTo {
		flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	if dir := filepath.Dir(path); dir != "." {
		if _, err := os.Stat(dir); err != nil {
			return magicError("%%writefile: " + err.Error())
		}
	}
	fh, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return magicError("%%writefile: " + err.Error())
	}
	if body != "" && !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	_, err = fh.WriteString(body)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return magicError("%%writefile: " + err.Error())
	}
	fmt.Fprintf(r.Stdout, "%s %s\n", verb, path)
	return nil
}

// shell runs a command line with /bin/sh -c; its output goes to the cell as
// it comes. An interrupt kills its whole process group. A non-zero exit
// does not fail the cell (as in IPython); it is said on stderr.
func (r *Runner) shell(ctx context.Context, command string) *outcome.Error {
	cmd := exec.Command("/bin/sh", "-c", command)
	cmd.Stdout, cmd.Stderr = r.Stdout, r.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return magicError("!" + command + ": " + err.Error())
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var stop <-chan struct{}
	if r.Tracker != nil {
		stop = r.Tracker.Done()
	}
	select {
	case err := <-done:
		if err != nil {
			fmt.Fprintf(r.Stderr, "%s\n", err)
		}
		return nil
	case <-stop:
	case <-ctx.Done():
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	<-done
	return outcome.Interrupt()
}

// help answers "name?" with a page payload, as ipykernel does.
func (r *Runner) help(name string) Result {
	text, ok := r.Eng.Inspect(name, true)
	if !ok && r.Doc != nil {
		text, ok = r.Doc(name)
	}
	if !ok {
		return Result{Result: engine.Result{Err: magicError("Object `" + name + "` not found.")}}
	}
	return Result{Payload: []map[string]any{{"source": "page", "data": map[string]any{"text/plain": text}, "start": 0}}}
}
