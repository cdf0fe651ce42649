package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/sched"
)

// TestInterpreterLimitation: yaegi's own failure on valid Go (a struct
// type embedding an interface, used through it: reflect.StructOf panics in
// the interpreter) is told apart from the student's panic: its ename, its
// message, the cell's position, and the next cell runs.
func TestInterpreterLimitation(t *testing.T) {
	const msg = "gokernel could not run this (interpreter limitation): reflect: StructOf does not support methods of embedded interfaces"
	setup := "import \"fmt\"\ntype Wrapped struct{ error }"
	cases := []struct {
		name, code, where string
	}{
		{"at the top level", "fmt.Println(\"before\")\nvar e error = Wrapped{fmt.Errorf(\"x\")}\n  fmt.Println(e.Error())", "In[2]:3:3"},
		{"in a function", "func show() {\n\tvar e error = Wrapped{fmt.Errorf(\"x\")}\n\tfmt.Println(e.Error())\n}\n\nshow()", "In[2]:2:2"},
		{"the student's own panic is a panic", "panic(\"reflect.Set: value of type int is not assignable to type string\")", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errc := newCapture(t), newCapture(t)
			t.Cleanup(func() { out.w.Close(); errc.w.Close() })
			tr := sched.NewTracker()
			e, err := New(Options{Stdout: out.w, Stderr: errc.w, Tracker: tr})
			if err != nil {
				t.Fatal(err)
			}
			run := func(n int, code string) Result {
				cell := tr.NewCell("limits", n)
				done := make(chan Result, 1)
				go tr.Run(cell, func() { done <- e.Execute(context.Background(), code) })
				return <-done
			}
			if r := run(1, setup); r.Err != nil {
				t.Fatalf("setup: %v", r.Err)
			}
			r := run(2, tc.code)
			out.take()
			errc.take()
			if tc.where == "" {
				if r.Err == nil || r.Err.Name != "panic" {
					t.Fatalf("want a panic, got %+v", r.Err)
				}
			} else {
				if r.Err == nil || r.Err.Name != LimitationName || r.Err.Value != msg {
					t.Fatalf("got %+v\nwant %s: %s", r.Err, LimitationName, msg)
				}
				if tb := strings.Join(r.Err.Traceback, "\n"); tb != tc.where+": "+msg {
					t.Errorf("traceback %q, want %q", tb, tc.where+": "+msg)
				}
			}
			// The session goes on.
			if r := run(3, "fmt.Println(\"next\")"); r.Err != nil {
				t.Fatalf("next cell: %v", r.Err)
			}
			if got := out.take(); got != "next\n" {
				t.Errorf("next cell printed %q", got)
			}
		})
	}
}

// TestReflectCalledByYaegi: only a reflect panic raised for the
// interpreter's own code is its failure.
func TestReflectCalledByYaegi(t *testing.T) {
	cases := []struct {
		name, stack string
		want        bool
	}{
		{"yaegi's assignment", "goroutine 1 [running]:\npanic({0x1, 0x2})\n\t/go/src/runtime/panic.go:1 +0x1\nreflect.Value.Set(...)\n\t/go/src/reflect/value.go:1 +0x1\ngithub.com/traefik/yaegi/interp.assign.func1(...)\n\t/x/run.go:1\n", true},
		{"the student's reflect.Value.Set through a call", "goroutine 1 [running]:\npanic({0x1, 0x2})\n\t/p.go:1\nreflect.Value.Set(...)\n\t/v.go:1\nreflect.Value.call(...)\n\t/v.go:2\nreflect.Value.Call(...)\n\t/v.go:3\ngithub.com/traefik/yaegi/interp.callBin.func1(...)\n\t/x/run.go:1\n", false},
		{"compiled code", "goroutine 1 [running]:\npanic({0x1, 0x2})\n\t/p.go:1\nreflect.Value.Set(...)\n\t/v.go:1\nencoding/json.(*decodeState).object(...)\n\t/j.go:1\n", false},
		{"no panic frame", "goroutine 1 [running]:\nmain.main()\n", false},
	}
	for _, tc := range cases {
		if got := reflectCalledByYaegi(tc.stack); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestLimitationMessages: which messages name the interpreter's own
// failure, and which are the student's.
func TestLimitationMessages(t *testing.T) {
	stack := []byte("goroutine 1 [running]:\npanic({0x1, 0x2})\n\t/p.go:1\nreflect.Value.Set(...)\n\t/v.go:1\ngithub.com/traefik/yaegi/interp.assign.func1(...)\n\t/r.go:1\n")
	panics := []struct {
		v    any
		want string // "" when not the interpreter's
	}{
		{"reflect: StructOf does not support methods of embedded interfaces", "reflect: StructOf does not support methods of embedded interfaces"},
		{"reflect: Call using map[string]*struct { X int } as type interp.valueInterface", "reflect: Call using map[string]*struct { X int } as type interp.valueInterface"},
		{"reflect: slice index out of range", ""},                  // the student's bad index (goWords)
		{"reflect: call of reflect.Value.Field on zero Value", ""}, // the student's nil pointer
		{"boom", ""},
		{42, ""},
	}
	for _, tc := range panics {
		got, ok := internalPanic(tc.v, stack)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("internalPanic(%v) = %q, %v; want %q", tc.v, got, ok, tc.want)
		}
	}
	compiles := []struct {
		msg  string
		want bool
	}{
		{"49:16: CFG post-order panic: runtime error: invalid memory address or nil pointer dereference", true},
		{"undefined type for E", true},
		{"3:24: incomplete type Resp[string]", true},
		{"undefined: x", false},
		{"cannot use x (variable of type int) as string value", false},
	}
	for _, tc := range compiles {
		if got := internalCompileRE.MatchString(tc.msg); got != tc.want {
			t.Errorf("internalCompileRE(%q) = %v, want %v", tc.msg, got, tc.want)
		}
	}
}
