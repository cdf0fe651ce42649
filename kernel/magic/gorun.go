package magic

// %%run and %%race: the cell compiled by the Go toolchain and run as a
// program, to check the interpreter against real Go (a data race, a
// timing, a program the interpreter cannot run) — `go run`, and `go run
// -race`, in a notebook.
//
// program.go turns the cell into main.go. It is built in a module
// directory of the session's own (module gokernelcell, go 1.26), with the
// go command's build cache (GOCACHE, the user's default, which persists:
// a program built before is not compiled again), and run in the kernel's
// working directory, with the worker's environment, stdin empty. Its
// stdout and stderr stream into the cell as they come, positions in
// main.go mapped back to In[n]:LINE; an interrupt kills its process group
// (and the go command's, while it builds). As `go run` does, a non-zero
// exit prints "exit status N" on stderr, and the cell fails.
//
// Modules, offline: go.mod requires, for each module the program imports
// that the kernel itself was built with (golang.org/x/sync and x/time,
// which cells get as bundled packages), the kernel's own version, read
// from the kernel's build information. The go command finds it in the
// module cache, where building the kernel put it: the build runs with
// -mod=mod (go.sum is written from the cache) and, unless the
// worker's environment sets GOPROXY (%env GOPROXY=https://proxy.golang.org
// to allow downloads), GOPROXY=off and GOSUMDB=off — nothing is downloaded,
// so nothing needs checking; the cache verified the modules when they were
// downloaded. A classroom without a network builds these programs as well
// as one with.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/kernel/frontend"
	"github.com/gokernel/gokernel/kernel/outcome"
)

// progDir is the session's module directory for %%run, made on first use.
type progDir struct {
	mu  sync.Mutex // Close may come from the worker's request loop
	dir string
}

func (p *progDir) ensure() (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dir == "" {
		d, err := os.MkdirTemp("", "gokernel-run-")
		if err != nil {
			return "", err
		}
		p.dir = d
	}
	return p.dir, nil
}

// Close removes what the Runner keeps on disk (%%run's module directory).
func (r *Runner) Close() {
	r.prog.mu.Lock()
	defer r.prog.mu.Unlock()
	if r.prog.dir != "" {
		os.RemoveAll(r.prog.dir)
		r.prog.dir = ""
	}
}

// noToolchain is what %%run says when there is no go command.
const noToolchain = "needs the Go toolchain, and there is none: `go` is not on PATH and there is no $GOROOT/bin/go — install Go 1.26 or newer (https://go.dev/dl/) and put its bin directory on PATH"

// goTool finds the go command: on PATH, else in GOROOT (the environment's,
// else the one the kernel was built with).
func goTool() (string, bool) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, true
	}
	root, ok := os.LookupEnv("GOROOT")
	if !ok || root == "" {
		root = runtime.GOROOT()
	}
	if root == "" {
		return "", false
	}
	p := filepath.Join(root, "bin", "go")
	if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
		return p, true
	}
	return "", false
}

// goRun is %%run (race false) and %%race. The magic's arguments are the
// program's (os.Args[1:]), split at spaces.
func (r *Runner) goRun(ctx context.Context, p piece, race bool) Result {
	args, body, first := p.Args, p.Body, p.Line+2 // first: the body's line in the cell
	magicName := "%%run"
	if race {
		magicName = "%%race"
	}
	if strings.TrimSpace(body) == "" {
		return failed(magicError(magicName + " needs a program: put Go code under the " + magicName + " line"))
	}
	goBin, ok := goTool()
	if !ok {
		return failed(magicError(magicName + " " + noToolchain))
	}
	cell := "cell"
	if r.Tracker != nil {
		if c := r.Tracker.Current(); c != nil {
			cell = c.String()
		}
	}
	prog, err := buildProgram(cell, body, first, r.hist)
	if err != nil {
		var fe *frontend.Error
		if errors.As(err, &fe) {
			padded := strings.Repeat("\n", first-1) + body
			tb := fe.Traceback(padded)
			tb[0] = fmt.Sprintf("%s:%d:%d: %s", cell, fe.Line, fe.Col, fe.Msg)
			return failed(&outcome.Error{Name: fe.Kind, Value: tb[0], Traceback: tb})
		}
		return failed(magicError(magicName + ": " + err.Error()))
	}
	dir, err := r.prog.ensure()
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod(prog.imports)), 0o644)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "main.go"), []byte(prog.src), 0o644)
	}
	if err != nil {
		return failed(magicError(magicName + ": " + err.Error()))
	}
	m := newMapper(prog, dir)

	// Build.
	exe := filepath.Join(dir, "prog")
	goArgs := []string{"build", "-mod=mod", "-o", exe}
	if race {
		goArgs = append(goArgs, "-race")
	}
	build := exec.Command(goBin, append(goArgs, ".")...)
	build.Dir, build.Env = dir, toolEnv()
	var out bytes.Buffer
	build.Stdout, build.Stderr = &out, &out
	if err, stopped := r.runProcess(ctx, build); stopped {
		return failed(outcome.Interrupt())
	} else if err != nil {
		return failed(m.buildError(out.String(), err))
	}

	// Run.
	run := exec.Command(exe, strings.Fields(args)...)
	stderr := &lineMapper{w: r.Stderr, m: m}
	run.Stdout, run.Stderr = r.Stdout, stderr
	run.WaitDelay = time.Second // a child that keeps the pipes open does not hold the cell
	err, stopped := r.runProcess(ctx, run)
	stderr.flush()
	if stopped {
		return failed(outcome.Interrupt())
	}
	if err != nil {
		msg := err.Error() // "exit status 3", "signal: segmentation fault", as go run prints it
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			msg = magicName + ": " + msg
		}
		fmt.Fprintln(r.Stderr, msg)
		return failed(&outcome.Error{Name: "exit", Value: msg})
	}
	return Result{}
}

// runProcess starts cmd in a process group of its own and waits for it to
// end, or for the cell to be interrupted: then the whole group is killed
// and stopped is true.
func (r *Runner) runProcess(ctx context.Context, cmd *exec.Cmd) (err error, stopped bool) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return err, false
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var stop <-chan struct{}
	if r.Tracker != nil {
		stop = r.Tracker.Done()
	}
	select {
	case err := <-done:
		return err, false
	case <-stop:
	case <-ctx.Done():
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	<-done
	return nil, true
}

// toolEnv is the go command's environment (see the file's doc: modules,
// offline).
func toolEnv() []string {
	env := os.Environ()
	set := func(k, v string) {
		for i, kv := range env {
			if strings.HasPrefix(kv, k+"=") {
				env[i] = k + "=" + v
				return
			}
		}
		env = append(env, k+"="+v)
	}
	set("GOWORK", "off") // a go.work above the temporary directory is not the program's
	if _, ok := os.LookupEnv("GOPROXY"); !ok {
		set("GOPROXY", "off")
		if _, ok := os.LookupEnv("GOSUMDB"); !ok {
			set("GOSUMDB", "off")
		}
	}
	return env
}

// kernelModules are the modules the kernel was built with: path -> version.
var kernelModules = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			if d.Version != "" && d.Version != "(devel)" {
				out[d.Path] = d.Version
			}
		}
	}
	return out
})

// goMod is the program's go.mod: the kernel's version of each module the
// program imports from.
func goMod(imports []string) string {
	var b strings.Builder
	b.WriteString("module gokernelcell\n\ngo 1.26\n")
	mods := kernelModules()
	seen := map[string]bool{}
	for _, imp := range imports {
		best := ""
		for p := range mods {
			if (imp == p || strings.HasPrefix(imp, p+"/")) && len(p) > len(best) {
				best = p
			}
		}
		if best != "" && !seen[best] {
			seen[best] = true
			fmt.Fprintf(&b, "\nrequire %s %s\n", best, mods[best])
		}
	}
	return b.String()
}

// mapper rewrites positions in main.go as positions in cells.
type mapper struct {
	p  *program
	re *regexp.Regexp
}

func newMapper(p *program, dir string) *mapper {
	re := regexp.MustCompile(`(^|[\s(])((?:` + regexp.QuoteMeta(dir) + `/|\./|gokernelcell/)?main\.go):(\d+)(?::(\d+))?`)
	return &mapper{p: p, re: re}
}

// line maps the positions on one line of the go command's or the
// program's output.
func (m *mapper) line(s string) string {
	return m.re.ReplaceAllStringFunc(s, func(match string) string {
		sub := m.re.FindStringSubmatch(match)
		n, _ := strconv.Atoi(sub[3])
		o := m.p.at(n)
		switch {
		case o.cell == "":
			return sub[1] + "main.go:" + sub[3] + colSuffix(sub[4], 0) // a line the kernel wrote
		case o.line == 0:
			return sub[1] + "(a declaration restored from an earlier cell)"
		}
		return sub[1] + o.cell + ":" + strconv.Itoa(o.line) + colSuffix(sub[4], o.shift)
	})
}

func colSuffix(col string, shift int) string {
	if col == "" {
		return ""
	}
	c, _ := strconv.Atoi(col)
	return ":" + strconv.Itoa(max(c-shift, 1))
}

// buildError is a failed build as the cell's error: the go command's
// messages, positions mapped, without its "# gokernelcell" heading.
func (m *mapper) buildError(out string, err error) *outcome.Error {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if l == "# gokernelcell" || l == "" {
			continue
		}
		lines = append(lines, m.line(l))
	}
	if strings.Contains(out, "gokernel/display") {
		lines = append(lines, "(gokernel/display is the notebook's own package: a program built by %%run cannot import it)")
	}
	if len(lines) == 0 {
		lines = []string{"go build: " + err.Error()}
	}
	return &outcome.Error{Name: "compile error", Value: lines[0], Traceback: lines}
}

// lineMapper writes whole lines to w, positions mapped; flush writes the
// rest.
type lineMapper struct {
	w   io.Writer
	m   *mapper
	buf []byte
}

func (l *lineMapper) Write(p []byte) (int, error) {
	l.buf = append(l.buf, p...)
	if i := bytes.LastIndexByte(l.buf, '\n'); i >= 0 {
		var out strings.Builder
		for _, line := range strings.SplitAfter(string(l.buf[:i+1]), "\n") {
			if line != "" {
				out.WriteString(l.m.line(strings.TrimSuffix(line, "\n")) + "\n")
			}
		}
		io.WriteString(l.w, out.String())
		l.buf = append(l.buf[:0], l.buf[i+1:]...)
	}
	return len(p), nil
}

func (l *lineMapper) flush() {
	if len(l.buf) > 0 {
		io.WriteString(l.w, l.m.line(string(l.buf)))
		l.buf = nil
	}
}
