package magic

// %check NAME: the hidden test of a lesson's exercise, run in the student's
// session. The lessons are embedded in the binary (package lessons at the
// module's root), so %check works in any notebook, and the check block
// (kernel/lessons's format) never shows in one.
//
// The check is Go source: imports, helpers (named chk…) and
// `func check() error`. It is evaluated in the session after the student's
// cells, its top-level names renamed to kernel names (_gk_check, _gk_chk…)
// so that they do not replace the student's; then check() runs in a goroutine of the cell,
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
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/lessons"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
	"github.com/gokernel/gokernel/kernel/sched/stacks"
	course "github.com/gokernel/gokernel/lessons"
	"github.com/traefik/yaegi/interp"
)

// checkFunc is the name the check block's `func check() error` gets in the
// session (renameCheck).
var checkFunc = kernelName("check")

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
	if e := r.runCheck(ctx, name, ex.Timeout); e != nil {
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
	interrupted bool // stopped: by the interrupt, or by runCheck's stop
}

// runCheck calls the check function in a goroutine of the cell and waits.
//
// The call is an Eval of its own, with a context runCheck cancels only when
// stopping the cell's goroutines has not ended the check: yaegi v0.16.1
// waits on a channel operation that the front-end could not make
// interruptible (a range over a channel, a send) in a select with the
// done channel of the Eval that made the frame, and cancelling an Eval
// stops every interpreted goroutine (the worker's last resort after an
// interrupt, too). Without an Eval of its own the check's goroutine would
// wait on the done channel of an Eval long finished, and stay blocked
// for good.
func (r *Runner) runCheck(ctx context.Context, name string, timeout time.Duration) *outcome.Error {
	done := make(chan checkOutcome, 1)
	evalCtx, cancelEval := context.WithCancel(ctx)
	r.Tracker.Go(func() {
		v, err := r.Eng.Eval(evalCtx, checkFunc+"()")
		var p interp.Panic
		switch {
		case errors.As(err, &p):
			if _, ok := p.Value.(sched.Interrupted); ok {
				done <- checkOutcome{interrupted: true}
				return
			}
			done <- checkOutcome{panicked: true, value: p.Value, stack: stacks.WithoutLabels(p.Stack)}
			return
		case errors.Is(err, context.Canceled):
			done <- checkOutcome{interrupted: true}
			return
		case err != nil:
			done <- checkOutcome{err: fmt.Errorf("could not call check(): %v", err)}
			return
		}
		var o checkOutcome
		if v.IsValid() && !isNil(v) {
			if e, ok := v.Interface().(error); ok {
				o.err = e
			} else {
				o.err = errors.New(fmt.Sprint(v.Interface()))
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
		cancelEval() // the Eval has returned: this stops nothing
		switch {
		case o.interrupted:
			return outcome.Interrupt()
		case o.panicked:
			pe := r.Eng.GoroutinePanic(o.value, o.stack)
			tb := pe.Traceback
			if n := len(tb); n > 0 && strings.HasPrefix(tb[n-1], "exit status") {
				tb = tb[:n-1] // the check failed; no program ended
			}
			for i := range tb {
				tb[i] = lessonName(tb[i]) // main._gk_check(...) → main.check(...)
			}
			return checkFailed(name, "your code panicked: panic: "+pe.Value, tb...)
		case o.err != nil:
			return checkFailed(name, o.err.Error())
		}
		return nil
	case <-r.Tracker.Done():
		r.stopCheck(done, cancelEval)
		return outcome.Interrupt()
	case <-ctx.Done():
		r.stopCheck(done, cancelEval)
		return outcome.Interrupt()
	case <-timer.C:
	}
	blocked, earlier := r.blockedGoroutines(r.Tracker.Current())
	msg := fmt.Sprintf("timed out after %s: your code is probably waiting forever (a deadlock?)", timeout)
	more := []string{}
	if len(blocked) > 0 {
		more = append(more, "", "The goroutines still blocked:")
		more = append(more, sched.ParkedReport(blocked)...)
	}
	if earlier > 0 {
		more = append(more, "", fmt.Sprintf("(and %s that earlier cells started: %%goroutines lists them)", outcome.Count(earlier, "blocked goroutine")))
	}
	switch r.stopCheck(done, cancelEval) {
	case stoppedCell:
		more = append(more, "", "(the kernel stopped them)")
	case stoppedAll:
		more = append(more, "", "(the kernel stopped them, and had to stop every goroutine to do so: goroutines started by earlier cells were stopped too)")
	default:
		more = append(more, "", "(the kernel could not stop them: %reset starts afresh)")
	}
	return checkFailed(name, msg, more...)
}

// How stopCheck ended the check.
const (
	stoppedCell = iota // stopping the cell's goroutines did
	stoppedAll         // cancelling the interpreter did
	notStopped
)

// stopCheck stops the cell's goroutines, the check's among them, as an
// interrupt does; if the check has not ended within checkStopWait, it
// cancels the check's Eval (see runCheck).
func (r *Runner) stopCheck(done <-chan checkOutcome, cancelEval func()) int {
	if c := r.Tracker.Current(); c != nil {
		// Stop starts a goroutine that waits for c's goroutines to end;
		// started from here it would carry c's labels and be listed as one
		// of them ("sleep", In[n]). Started from an unlabelled goroutine it
		// is the kernel's, as when the worker stops a cell.
		stopped := make(chan struct{})
		go func() {
			r.Tracker.Leave()
			r.Tracker.Stop(c)
			close(stopped)
		}()
		<-stopped
	}
	select {
	case <-done:
		cancelEval()
		return stoppedCell
	case <-time.After(checkStopWait):
	}
	cancelEval()
	select {
	case <-done:
		return stoppedAll
	case <-time.After(checkStopWait):
		return notStopped
	}
}

// blockedGoroutines are cell's goroutines that are blocked, %check's own
// wait left out, in the order Go numbers them (the check's own goroutine
// and what the student's code started during the check), and how many
// goroutines of earlier cells are blocked too.
func (r *Runner) blockedGoroutines(cell *sched.Cell) (blocked []sched.Parked, earlier int) {
	for _, g := range r.Tracker.Goroutines() {
		if g.Cell == nil || g.Class() != stacks.Blocked || inCheckWait(g) {
			continue
		}
		if g.Cell != cell {
			earlier++
			continue
		}
		p := g.Parked()
		p.Func = lessonName(p.Func) // as the lesson wrote it
		blocked = append(blocked, p)
	}
	sort.SliceStable(blocked, func(i, j int) bool { return blocked[i].ID < blocked[j].ID })
	return blocked, earlier
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

// renameCheck gives the check block's top-level names (check and its
// chk… helpers) kernel names: reserved + "_" + name, so that the check
// never replaces a name of the student's and the engine knows them as the
// kernel's. Every other byte is kept (and so the lines).
func renameCheck(src string) (string, error) {
	const head = "package main;"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "check.go", head+src, 0)
	if err != nil {
		return "", err
	}
	own := map[*ast.Object]bool{}
	var decl *ast.FuncDecl
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				continue
			}
			own[d.Name.Obj] = true
			if d.Name.Name == "check" {
				decl = d
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					own[s.Name.Obj] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						own[n.Obj] = true
					}
				}
			}
		}
	}
	if decl == nil {
		return "", errors.New("it declares no func check() error")
	}
	if t := decl.Type; t.Params.NumFields() != 0 || t.Results.NumFields() != 1 || !isIdent(t.Results.List[0].Type, "error") {
		return "", errors.New("check must be func check() error")
	}
	type at struct {
		off  int
		name string
	}
	var ats []at
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Obj != nil && own[id.Obj] && id.Name != "_" {
			ats = append(ats, at{fset.Position(id.Pos()).Offset - len(head), id.Name})
		}
		return true
	})
	sort.Slice(ats, func(i, j int) bool { return ats[i].off < ats[j].off })
	var b strings.Builder
	last := 0
	for _, a := range ats {
		b.WriteString(src[last:a.off])
		b.WriteString(kernelName(a.name))
		last = a.off + len(a.name)
	}
	b.WriteString(src[last:])
	return b.String(), nil
}

// kernelName is the name a check block's top-level name gets.
func kernelName(name string) string { return frontend.Reserved + "_" + name }

// lessonName undoes kernelName in a function name of a report:
// "main._gk_check" → "main.check".
func lessonName(fn string) string {
	return strings.Replace(fn, "main."+frontend.Reserved+"_", "main.", 1)
}

func isIdent(x ast.Expr, name string) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == name
}
