package magic

// %time and %timeit: what running a statement costs. %time runs it once,
// through Run, so that it may hold magics and keeps its value; %timeit
// compiles it into a loop and times the loop, as IPython's %timeit does.

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

// time runs code once and prints what it cost.
func (r *Runner) time(ctx context.Context, code string, line int) Result {
	if strings.TrimSpace(code) == "" {
		return failed(magicError("%time needs a statement: %time f(x)"))
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
		return failed(magicError("%timeit needs a statement: %timeit f(x)"))
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
		return failed(magicError(fmt.Sprintf("%%timeit: could not compile the loop: %v", err)))
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
				return failed(e)
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
			return failed(e)
		}
		per = append(per, d.Seconds()/float64(loops))
	}
	mean, std := meanStd(per)
	fmt.Fprintf(r.Stdout, "%s ± %s per loop (mean ± std. dev. of %s, %s each)\n",
		dur(time.Duration(mean*1e9)), dur(time.Duration(std*1e9)), outcome.Count(timeitRuns, "run"), outcome.Count(loops, "loop"))
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
