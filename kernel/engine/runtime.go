package engine

// What rewritten code calls: the host package "gokernel/rt", imported by the
// prelude as _gkrt, and the interpreted helpers the prelude defines. The
// front-end's passes emit the calls (see package frontend); the engine
// defines what they call.
//
// yaegi behaviours answered here: v0.16.1 has no min, max or clear; its
// print and println write to stdout, where Go writes to stderr with the
// runtime's formatting; a panic in an interpreted goroutine kills the
// process (goroutines start through the tracker, which recovers it); and it
// can only cancel every goroutine of every cell at once (Poll, Done, Block
// and Interrupt end one cell's goroutines).

import (
	"context"
	"fmt"
	"io"
	"math"
	"reflect"
	"runtime/trace"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/timeline"
)

// runtimeSymbols is the host package "gokernel/rt" the front-end's builtins,
// goroutines and interrupt passes call (imported as _gkrt by the prelude),
// under the names package frontend declares.
func runtimeSymbols(stderr io.Writer, t *sched.Tracker) map[string]reflect.Value {
	fns := map[frontend.RuntimeFunc]any{
		// Clear is Go 1.21's clear: yaegi v0.16.1 has no clear.
		frontend.RTClear: func(x any) {
			v := reflect.ValueOf(x)
			if v.Kind() == reflect.Map || v.Kind() == reflect.Slice {
				v.Clear()
			}
		},
		// Print and Println are Go's print and println: yaegi writes them
		// to stdout, Go to stderr, with the runtime's formatting.
		frontend.RTPrint: func(a ...any) {
			var b strings.Builder
			for _, x := range a {
				b.WriteString(runtimeFormat(x))
			}
			io.WriteString(stderr, b.String())
		},
		frontend.RTPrintln: func(a ...any) {
			parts := make([]string, len(a))
			for i, x := range a {
				parts[i] = runtimeFormat(x)
			}
			io.WriteString(stderr, strings.Join(parts, " ")+"\n")
		},
		// The scheduler helpers of the goroutines and interrupt passes.
		frontend.RTGo: func(where, name string, f func()) {
			started.Add(1)
			t.Go(func() { traceWhere(where, name); f() })
		},
		frontend.RTGoCall:      func(where, name string, fn any, args ...any) { goCall(t, where, name, fn, args, false) },
		frontend.RTGoCallSlice: func(where, name string, fn any, args ...any) { goCall(t, where, name, fn, args, true) },
		frontend.RTPoll:        t.Poll,
		frontend.RTBlock:       t.Block,
		frontend.RTInterrupt:   t.Interrupt,
		// Recover is what recover() returns: the value, in Go's words.
		frontend.RTRecover: recovered,
		// Where goroutines wait, for the deadlock report (package sched).
		frontend.RTDoneAt: t.DoneAt,
		frontend.RTRecv:   t.Recv,
		frontend.RTAt:     t.At,
		// The range-over-func helpers (rangefunc.go).
		frontend.RTRangeError: rangeError,
		frontend.RTRunDefers:  runDefers,
	}
	for name, f := range boundsSymbols() {
		fns[name] = f
	}
	syms := make(map[string]reflect.Value, len(fns))
	for name, f := range fns {
		syms[string(name)] = reflect.ValueOf(f)
	}
	return syms
}

// checkRuntime reports a name the front-end declares that the engine does
// not define: every cell using it would fail to compile.
func checkRuntime(rt map[string]reflect.Value) error {
	for _, f := range frontend.RuntimeFuncs {
		if _, ok := rt[string(f)]; !ok {
			return fmt.Errorf("engine: the front-end calls %s.%s, which the runtime does not define", frontend.RuntimePkg, f)
		}
	}
	defined := map[string]bool{}
	for _, f := range preludeFuncs {
		defined[f.name] = true
	}
	for _, name := range frontend.PreludeFuncs {
		if !defined[name] {
			return fmt.Errorf("engine: the front-end calls %s, which the prelude does not define", name)
		}
	}
	return nil
}

// goCall starts fn(args...) in a tracked goroutine (see frontend's
// goroutines pass). The arguments were evaluated by the caller; they are
// converted to the parameter types here (an untyped constant arrives as its
// default type), before the goroutine starts, so that a wrong call fails in
// the cell that made it. With slice set, the last argument is the ...
// argument of a variadic call. where and name are the go statement's
// position and callee (see traceWhere).
func goCall(t *sched.Tracker, where, name string, fn any, args []any, slice bool) {
	f := reflect.ValueOf(fn)
	if f.Kind() != reflect.Func {
		panic(fmt.Sprintf("go: cannot call non-function %v (type %T)", fn, fn))
	}
	ft := f.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var pt reflect.Type
		switch {
		case ft.IsVariadic() && !slice && i >= ft.NumIn()-1:
			pt = ft.In(ft.NumIn() - 1).Elem()
		case i < ft.NumIn():
			pt = ft.In(i)
		default:
			panic(fmt.Sprintf("go: too many arguments in call (want %d)", ft.NumIn()))
		}
		v := reflect.ValueOf(a)
		switch {
		case !v.IsValid():
			v = reflect.Zero(pt) // nil
		case v.Type() != pt && pt.Kind() != reflect.Interface && v.Type().ConvertibleTo(pt):
			v = v.Convert(pt)
		}
		in[i] = v
	}
	started.Add(1)
	t.Go(func() {
		traceWhere(where, name)
		if slice {
			f.CallSlice(in)
		} else {
			f.Call(in)
		}
	})
}

// traceWhere names the calling goroutine in an execution trace being
// recorded (%%timeline): where its go statement stands ("In[3]:5") and what
// it calls ("worker"). The goroutine's own Go stacks are the interpreter's,
// so package timeline reads these logs instead. It is first thing in the
// new goroutine; when no trace is being recorded it costs one atomic load.
func traceWhere(where, name string) {
	if where == "" || !trace.IsEnabled() {
		return
	}
	ctx := context.Background()
	trace.Log(ctx, timeline.WhereCategory, where)
	trace.Log(ctx, timeline.FuncCategory, name)
}

// runtimeFormat formats one argument as the Go runtime's print does.
func runtimeFormat(x any) string {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			return "NaN"
		case math.IsInf(f, 1):
			return "+Inf"
		case math.IsInf(f, -1):
			return "-Inf"
		}
		s := strconv.FormatFloat(f, 'e', 6, 64) // 1.500000e+00
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.HasPrefix(mant, "-") {
			mant = "+" + mant
		}
		sign := exp[:1]
		n, _ := strconv.Atoi(exp[1:])
		return fmt.Sprintf("%se%s%03d", mant, sign, n)
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return fmt.Sprintf("%#x", v.Pointer())
	case reflect.Invalid:
		return "nil"
	}
	if v.Kind() == reflect.Interface || v.Kind() == reflect.Slice || v.Kind() == reflect.Struct {
		return fmt.Sprintf("%v", x)
	}
	return fmt.Sprint(x)
}

// preludeFuncs are the interpreted helpers: those the passes call
// (frontend.PreludeFuncs) and the engine's own. Each is "func " + name +
// src in the prelude.
var preludeFuncs = []struct{ name, src string }{
	{showName, `(v ...any) []any { return v }`},
	{showOneName, `(v any) []any { return []any{v} }`},
	{sprintName, `[T any](v T) string { return ` + fmtPkg + `.Sprint(v) }`},
	{textName, `[T any](site int, v T) string { return ` + frontend.RuntimePkg + `.` + string(showTextFunc) + `(site, v) }`},
	{frontend.BoundName, `[T any](v T) any { return ` + frontend.RuntimePkg + `.Bound(v, ` + fmtPkg + `.Sprint(v)) }`},
	{frontend.MinName, minMax("<")},
	{frontend.MaxName, minMax(">")},
	{errTextName, errTextSrc},
}

// minMax is the body of Go 1.21's min (op "<") or max (op ">").
func minMax(op string) string {
	return `[T ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string](x T, y ...T) T {
	for _, v := range y {
		if v ` + op + ` x {
			x = v
		}
	}
	return x
}`
}

// prelude is what a new engine evaluates before the first cell: the
// imports rewritten code uses and preludeFuncs.
var prelude = func() string {
	var b strings.Builder
	b.WriteString("import " + frontend.RuntimePkg + " " + strconv.Quote(frontend.RuntimePath) + "\n")
	b.WriteString("import " + fmtPkg + ` "fmt"` + "\n")
	for _, f := range preludeFuncs {
		b.WriteString("\nfunc " + f.name + f.src + "\n")
	}
	return b.String()
}()

// The prelude's own names: showName wraps a trailing value (show.go),
// showOneName a trailing value that is no call (exactly one value),
// fmtPkg is its import name of fmt and sprintName its fmt.Sprint, textName
// a value's %v, given the site of its static type.
const (
	showName    = frontend.Reserved + "_show"
	showOneName = frontend.Reserved + "_show1"
	fmtPkg      = frontend.Reserved + "fmt"
	sprintName  = frontend.Reserved + "_sprint"
	textName    = frontend.Reserved + "_text"
)
