package engine

import (
	"context"
	"fmt"
	"io"
	"testing"
)

// TestBoundsChecks compares each check's panic with Go's own for the same
// operation: %T, the message and %#v (x, y, signed, code) must be the same.
func TestBoundsChecks(t *testing.T) {
	s := make([]int, dyn(3), dyn(5))
	str := "gopher"
	var arr [4]int
	neg := -1
	var huge uint64 = 1<<64 - 1
	type op struct {
		name       string
		goOp, ours func()
	}
	// Go's runtime reports a constant as unsigned, a variable by its type
	// unless the compiler proves it non-negative: dyn hides the values.
	cases := []op{
		{"index", func() { _ = s[s[0]+5] }, func() { checkIndex(5, len(s), 1) }},
		{"negative index", func() { _ = s[neg] }, func() { checkIndex(-1, len(s), 1) }},
		{"unsigned index", func() { _ = s[huge] }, func() { checkIndexU(int(huge), len(s), 1) }},
		{"constant index", func() { _ = s[4] }, func() { checkIndexU(4, len(s), 1) }},
		{"string index", func() { i := dyn(6); _ = str[i] }, func() { checkIndex(6, len(str), 1) }},
		{"s[:hi] over cap", func() { hi := dyn(7); _ = s[:hi] }, func() { checkSlice(0, 7, cap(s), 0, 1) }},
		{"s[:hi] negative", func() { hi := -1; _ = s[:hi] }, func() { checkSlice(0, -1, cap(s), 0, 1) }},
		{"s[lo:] over len", func() { lo := dyn(4); _ = s[lo:] }, func() { checkSlice(4, len(s), cap(s), 0, 1) }},
		{"s[lo:] negative", func() { _ = s[neg:] }, func() { checkSlice(-1, len(s), cap(s), 0, 1) }},
		{"s[lo:hi] inverted", func() { lo, hi := dyn(2), dyn(1); _ = s[lo:hi] }, func() { checkSlice(2, 1, cap(s), 0, 1) }},
		{"array s[:hi] over len", func() { hi := dyn(5); _ = arr[:hi] }, func() { checkSlice(0, 5, len(arr), 8, 1) }},
		{"string s[lo:hi] over len", func() { lo, hi := dyn(1), dyn(9); _ = str[lo:hi] }, func() { checkSlice(1, 9, len(str), 8, 1) }},
		{"string s[lo:] constant", func() { _ = str[3:][4:] }, func() { checkSlice(4, 3, 3, 8|1, 1) }},
		{"3-index max over cap", func() { m := dyn(6); _ = s[0:1:m] }, func() { checkSlice3(0, 1, 6, cap(s), 1|2, 1) }},
		{"3-index hi over max", func() { h, m := dyn(3), dyn(2); _ = s[0:h:m] }, func() { checkSlice3(0, 3, 2, cap(s), 1, 1) }},
		{"3-index lo over hi", func() { l, h := dyn(2), dyn(1); _ = s[l:h:4] }, func() { checkSlice3(2, 1, 4, cap(s), 4, 1) }},
		{"3-index max negative", func() { _ = s[0:1:neg] }, func() { checkSlice3(0, 1, -1, cap(s), 1|2, 1) }},
		{"3-index on an array", func() { m := dyn(5); _ = arr[0:1:m] }, func() { checkSlice3(0, 1, 5, len(arr), 1|2|8, 1) }},
	}
	caught := func(f func()) (r any) {
		defer func() { r = recover() }()
		f()
		return nil
	}
	show := func(r any) string { return fmt.Sprintf("%T | %v | %#v", r, r, r) }
	for _, c := range cases {
		want, got := caught(c.goOp), caught(c.ours)
		if want == nil || got == nil {
			t.Errorf("%s: no panic (go: %v, ours: %v)", c.name, want, got)
			continue
		}
		if show(got) != show(want) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, show(got), show(want))
		}
	}
	// In range: the bound the check stands for comes back.
	if checkIndex(2, 3, 1) != 2 || checkSlice(1, 2, 3, 0, 1) != 2 || checkSlice(1, 2, 3, 16, 1) != 1 ||
		checkSlice3(0, 1, 2, 3, 0, 1) != 2 || checkSlice3(0, 1, 2, 3, 32, 1) != 1 {
		t.Error("a check in range does not return its bound")
	}
}

//go:noinline
func dyn(n int) int { return n }

// TestBoundsTraceLine: the trace of a bounds panic names the line of the
// failing expression, not the function's last index.
func TestBoundsTraceLine(t *testing.T) {
	s := newSession(t)
	r := s.e.Execute(context.Background(), "func at(s []int, i int) int {\n\tv := s[i]\n\treturn v + s[0]\n}\nat([]int{1}, 3)")
	if r.Err == nil {
		t.Fatal("no panic")
	}
	// (No cell name outside a worker: "line 2".)
	want := []string{"panic: runtime error: index out of range [3] with length 1", "", "goroutine 1 [running]:", "main.at(...)", "\tline 2"}
	if len(r.Err.Traceback) < len(want) {
		t.Fatalf("traceback %q", r.Err.Traceback)
	}
	for i, w := range want {
		if r.Err.Traceback[i] != w {
			t.Errorf("traceback line %d: %q, want %q (all: %q)", i, r.Err.Traceback[i], w, r.Err.Traceback)
		}
	}
}

// BenchmarkBoundsLoop is a cell doing 10^6 indexed reads: checked (an index
// the pass cannot prove in range) and proven (a range loop, left alone).
//
//	go test ./kernel/engine -run '^$' -bench BoundsLoop -benchtime 5x
func BenchmarkBoundsLoop(b *testing.B) {
	e, err := New(Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	setup := "func checked(a []int) int { s := 0; for k := 0; k < 1000000; k++ { s += a[k%len(a)] }; return s }\n" +
		"func proven(a []int) int { s := 0; for r := 0; r < 1000000/len(a); r++ { for i := range a { s += a[i] } }; return s }\n" +
		"a := make([]int, 1000)"
	if r := e.Execute(context.Background(), setup); r.Err != nil {
		b.Fatal(r.Err.Value)
	}
	for _, f := range []string{"checked", "proven"} {
		b.Run(f, func(b *testing.B) {
			for range b.N {
				if r := e.Execute(context.Background(), f+"(a)"); r.Err != nil {
					b.Fatal(r.Err.Value)
				}
			}
		})
	}
}
