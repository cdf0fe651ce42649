package magic

// %check NAME: the hidden test of a lesson's exercise, run in the student's
// session. The lessons are embedded in the binary (package lessons at the
// module's root), so %check works in any notebook, and the check block
// (kernel/lessons's format) never shows in one.
//
// The check is Go source: imports, helpers (named chk…) and
// `func check() error`. It is evaluated in the session after the student's
// cells, with check renamed to checkFunc so that it does not replace a
// `check` of the student's; then check() runs in a goroutine of the cell,
// and %check waits for it, for the check's timeout, or for an interrupt.
//
//   - nil: "✓ NAME: passed".
//   - an error: the cell fails with ename CheckFailed, evalue its message.
//   - a panic (the student's code panicked): CheckFailed, "panic: …" as Go
//     says it, with the goroutine's trace in cell lines.
//   - the timeout: CheckFailed, "timed out after 10s: …", with the
//     goroutines of the cell that are still blocked, in Go's words (the
//     report of a deadlock, package sched's); they are stopped as an
//     interrupt stops a cell's goroutines (sched.Tracker.Stop), and the
//     report says which could not be (a wait only the interpreter can end).
//
// While it waits, %check holds off the worker's deadlock watch
// (Tracker.Hold): the cell's main goroutine waits in %check, not in the
// student's code, and the check's own timeout says what happened in the
// exercise's words instead of ending the cell with a bare deadlock.

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/lessons"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/sched/stacks"
	course "github.com/gokernel/gokernel/lessons"
)

// checkFunc is the name the check block's `func check() error` gets in the
// session (a kernel name: users do not write _gk_ names).
const checkFunc = "_gk_check"

// checkStopWait is how long a timed-out check's goroutines get to end once
// stopped, before the report says they could not be.
const checkStopWait = 500 * time.Millisecond

// CheckFailed is the ename of a failed %check.
const CheckFailed = "CheckFailed"

// courseCache holds the parsed embedded lessons, read on the first %check.
var courseCache struct {
	once sync.Once
	all  []*lessons.Lesson
	err  error
}

// LessonsEnv names a directory of lessons (*.md) that %check reads instead
// of the embedded ones: `gokernel lessons build --lessons DIR` sets it for
// its workers, so that a notebook is built and checked from the same
// sources even when the binary was built before they changed.
const LessonsEnv = "GOKERNEL_LESSONS"

// course is the lessons %check looks in: r.Lessons when set, else
// $GOKERNEL_LESSONS's, else the embedded ones.
func (r *Runner) course() ([]*lessons.Lesson, error) {
	if r.Lessons != nil {
		return lessons.All(r.Lessons)
	}
	if dir := os.Getenv(LessonsEnv); dir != "" {
		return lessons.All(os.DirFS(dir))
	}
	courseCache.once.Do(func() { courseCache.all, courseCache.err = lessons.All(fs.FS(course.FS)) })
	return courseCache.all, courseCache.err
}

// checkFailed is the error of a failed check: evalue is the message, the
// traceback's first line names the exercise.
func checkFailed(name, msg string, more ...string) *outcome.Error {
	return &outcome.Error{Name: CheckFailed, Value: msg, Traceback: append([]string{"✗ " + name + ": " + msg}, more...)}
}

func (r *Runner) check(ctx context.Context, args string) Result {
	name := strings.TrimSpace(args)
	if name == "" || strings.ContainsAny(name, " \t") {
		return failed(magicError("%check needs one exercise name: %check NAME"))
	}
	all, err := r.course()
	if err != nil {
		return failed(magicError("%check: the lessons do not parse: " + err.Error()))
	}
	ex, err := lessons.Find(all, name)
	if err != nil {
		return failed(magicError("%check: " + err.Error()))
	}
	src, err := renameCheck(ex.Check.Source)
	if err != nil {
		return failed(magicError(fmt.Sprintf("%%check %s: the check block of %s.md: %v", name, ex.Lesson, err)))
	}
	// The check's lines are the check block's own: an error in it names
	// the line of the block.
	if res := r.Eng.Execute(ctx, src); res.Err != nil {
		return failed(checkFailed(name, "the check cannot run with your code: "+res.Err.Value, res.Err.Traceback...))
	}
	fn, err := r.Eng.Eval(ctx, checkFunc)
	if err != nil || !fn.IsValid() || fn.Kind() != reflect.Func {
		return failed(magicError(fmt.Sprintf("%%check %s: could not read check(): %v", name, err)))
	}
	if e := r.runCheck(ctx, name, fn, ex.Timeout); e != nil {
		return failed(e)
	}
	fmt.Fprintf(r.Stdout, "✓ %s: passed\n", name)
	return Result{}
}

// checkOutcome is how check() ended.
type checkOutcome struct {
	err         error
	panicked    bool
	value       any
	stack       []byte
	interrupted bool
}

// runCheck calls the check function in a goroutine of the cell and waits.
func (r *Runner) runCheck(ctx context.Context, name string, fn reflect.Value, timeout time.Duration) *outcome.Error {
	done := make(chan checkOutcome, 1)
	r.Tracker.Go(func() {
		defer func() {
			if p := recover(); p != nil {
				if _, ok := p.(sched.Interrupted); ok {
					done <- checkOutcome{interrupted: true}
					return
				}
				done <- checkOutcome{panicked: true, value: p, stack: stacks.WithoutLabels(debug.Stack())}
			}
		}()
		out := fn.Call(nil)
		var o checkOutcome
		if len(out) == 1 && out[0].IsValid() && !isNil(out[0]) {
			if e, ok := out[0].Interface().(error); ok {
				o.err = e
			} else {
				o.err = errors.New(fmt.Sprint(out[0].Interface()))
			}
		}
		done <- o
	})
	r.Tracker.Hold()
	defer r.Tracker.Release()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case o := <-done:
		switch {
		case o.interrupted:
			return outcome.Interrupt()
		case o.panicked:
			pe := r.Eng.GoroutinePanic(o.value, o.stack)
			tb := pe.Traceback
			if n := len(tb); n > 0 && strings.HasPrefix(tb[n-1], "exit status") {
				tb = tb[:n-1] // the check failed; no program ended
			}
			return checkFailed(name, "your code panicked: panic: "+pe.Value, tb...)
		case o.err != nil:
			return checkFailed(name, o.err.Error())
		}
		return nil
	case <-r.Tracker.Done():
		return outcome.Interrupt()
	case <-ctx.Done():
		return outcome.Interrupt()
	case <-timer.C:
	}
	blocked := r.blockedGoroutines()
	msg := fmt.Sprintf("timed out after %s: your code is probably waiting forever (a deadlock?)", timeout)
	more := []string{}
	if len(blocked) > 0 {
		more = append(more, "", "The goroutines still blocked:")
		more = append(more, sched.ParkedReport(blocked)...)
	}
	// Stop the check's goroutines and those the student's code started
	// during the check: they belong to this cell.
	if c := r.Tracker.Current(); c != nil {
		r.Tracker.Stop(c)
		select {
		case <-done:
			more = append(more, "", "(the kernel stopped them)")
		case <-time.After(checkStopWait):
			more = append(more, "", "(some wait where the kernel cannot stop them alone; they stay blocked: %reset starts afresh)")
		}
	}
	return checkFailed(name, msg, more...)
}

// blockedGoroutines are the user's goroutines that are blocked, %check's
// own wait left out, in the order a deadlock report gives.
func (r *Runner) blockedGoroutines() []sched.Parked {
	type entry struct {
		count int
		sched.Parked
	}
	var all []entry
	for _, g := range r.Tracker.Goroutines() {
		if g.Cell == nil || g.Class() != stacks.Blocked || inCheckWait(g) {
			continue
		}
		p := g.Parked()
		if p.Func == "main."+checkFunc {
			p.Func = "main.check" // as the lesson wrote it
		}
		all = append(all, entry{g.Count, p})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].count != all[j].count {
			return all[i].count < all[j].count
		}
		return all[i].ID < all[j].ID
	})
	out := make([]sched.Parked, len(all))
	for i, e := range all {
		out[i] = e.Parked
	}
	return out
}

// inCheckWait reports whether g is the goroutine waiting in runCheck.
func inCheckWait(g sched.Goroutine) bool {
	for _, f := range g.Frames {
		if strings.HasSuffix(f.Func, "magic.(*Runner).runCheck") {
			return true
		}
	}
	return false
}

func isNil(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// renameCheck renames the block's `func check() error`, and its uses in
// the block, to checkFunc, keeping every other byte (and so the lines).
func renameCheck(src string) (string, error) {
	const head = "package main;"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "check.go", head+src, 0)
	if err != nil {
		return "", err
	}
	var decl *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "check" {
			decl = fd
		}
	}
	if decl == nil {
		return "", errors.New("it declares no func check() error")
	}
	if t := decl.Type; t.Params.NumFields() != 0 || t.Results.NumFields() != 1 || !isIdent(t.Results.List[0].Type, "error") {
		return "", errors.New("check must be func check() error")
	}
	var at []int
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "check" && (id == decl.Name || id.Obj != nil && id.Obj == decl.Name.Obj) {
			at = append(at, fset.Position(id.Pos()).Offset-len(head))
		}
		return true
	})
	sort.Ints(at)
	var b strings.Builder
	last := 0
	for _, off := range at {
		b.WriteString(src[last:off])
		b.WriteString(checkFunc)
		last = off + len("check")
	}
	b.WriteString(src[last:])
	return b.String(), nil
}

func isIdent(x ast.Expr, name string) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == name
}
