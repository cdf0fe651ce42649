package engine

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

// knownLimits are corpus programs the engine does not run as `go run` does,
// with the reason; they count as failures in the pass rate, and one that
// matches go run is an error (the list must shrink as the kernel improves).
var knownLimits = map[string]string{
	"iface_switch_on_error_value": "a type switch on an error holding a struct value of a user type misses case T: (yaegi's assertion err.(T) is false too; a pointer *T is matched)",
}

// stderrGroups are the corpus groups (a group is a file name's prefix, up to
// its first "_") whose stderr is compared too, after normaliseStderr: the
// groups about Go's own words for panics, deadlocks, interfaces, methods and
// the Tour's exercises.
var stderrGroups = map[string]bool{"panic": true, "deadlock": true, "iface": true, "method": true, "tour": true}

// TestCorpus runs every testdata/corpus/*.go program through the engine (a
// fresh engine with *os.File pipes, the whole file as one cell In[1], with
// the worker's deadlock watch and goroutine panic report: see runInEngine)
// and through a compiled binary (`go build`, the same output as `go run`;
// a non-zero exit adds "exit status N" to stderr, as go run prints), and
// compares stdout, and for stderrGroups stderr as well. A program containing
// the comment `// corpus: unordered` is compared as a sorted list of lines.
// Every program must match or be a known limit; the pass rate over all of
// them is printed, by group too.
// GK_CORPUS=regexp runs only the programs whose names match.
//
//	go test ./kernel/engine -run TestCorpus -v
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus: skipped in -short mode")
	}
	files, _ := filepath.Glob("testdata/corpus/*.go")
	if re := os.Getenv("GK_CORPUS"); re != "" {
		only := regexp.MustCompile(re)
		files = slices.DeleteFunc(files, func(f string) bool { return !only.MatchString(filepath.Base(f)) })
	}
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	dir := t.TempDir()
	want := make([]ran, len(files))
	werr := make([]error, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			bin := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), ".go"))
			abs, _ := filepath.Abs(f)
			cmd := exec.Command(gobin, "build", "-o", bin, abs)
			// In the module, so that programs importing the bundled modules
			// (golang.org/x/sync, x/time) build against go.mod's versions.
			cmd.Env = append(os.Environ(), "GOFLAGS=")
			if out, err := cmd.CombinedOutput(); err != nil {
				werr[i] = &buildErr{string(out)}
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var out, errOut bytes.Buffer
			run := exec.CommandContext(ctx, bin)
			run.Stdout, run.Stderr = &out, &errOut
			run.Run() // a non-zero exit is part of the behaviour
			if code := run.ProcessState.ExitCode(); code > 0 {
				fmt.Fprintf(&errOut, "exit status %d\n", code) // as go run says
			}
			want[i] = ran{out.String(), errOut.String(), ""}
		}()
	}
	// The engine side runs while the builds go on.
	got := make([]ran, len(files))
	for i, f := range files {
		src, _ := os.ReadFile(f)
		got[i] = runInEngine(t, string(src))
	}
	wg.Wait()

	type tally struct{ pass, total int }
	groups := map[string]*tally{}
	pass := 0
	for i, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".go")
		group, _, _ := strings.Cut(name, "_")
		if groups[group] == nil {
			groups[group] = &tally{}
		}
		groups[group].total++
		if werr[i] != nil {
			t.Errorf("%s: go build: %v", name, werr[i])
			continue
		}
		src, _ := os.ReadFile(f)
		g, w := got[i], want[i]
		if strings.Contains(string(src), "// corpus: unordered") {
			g.stdout, w.stdout = sortedLines(g.stdout), sortedLines(w.stdout)
		}
		same := g.stdout == w.stdout
		if stderrGroups[group] {
			g.stderr, w.stderr = normaliseStderr(g.stderr, abs(f)), normaliseStderr(w.stderr, abs(f))
			same = same && g.stderr == w.stderr
		}
		if same {
			pass++
			groups[group].pass++
			if _, ok := knownLimits[name]; ok {
				t.Errorf("%s: listed in knownLimits but matches go run: remove it from the list (and from README's Known limits)", name)
			}
			continue
		}
		if reason, ok := knownLimits[name]; ok {
			t.Logf("%s: known limit: %s", name, reason)
			continue
		}
		if stderrGroups[group] {
			t.Errorf("%s: output differs\n--- go run stdout\n%s--- engine stdout\n%s--- go run stderr (normalised)\n%s--- engine stderr (normalised)\n%s",
				name, w.stdout, g.stdout, w.stderr, g.stderr)
		} else {
			t.Errorf("%s: stdout differs (engine error: %s)\n--- go run\n%s--- engine\n%s", name, g.errText, w.stdout, g.stdout)
		}
	}
	names := slices.Sorted(maps.Keys(groups))
	var by []string
	for _, n := range names {
		by = append(by, fmt.Sprintf("%s %d/%d", n, groups[n].pass, groups[n].total))
	}
	// Every program matches go run or is a known limit (an error above
	// otherwise); the rate is over all of them, known limits included.
	t.Logf("corpus by group: %s", strings.Join(by, ", "))
	t.Logf("corpus: %d/%d programs match go run (%.1f %%), %d known limits",
		pass, len(files), 100*float64(pass)/float64(max(1, len(files))), len(knownLimits))
}

func abs(f string) string {
	a, _ := filepath.Abs(f)
	return a
}

type buildErr struct{ out string }

func (e *buildErr) Error() string { return e.out }

// ran is what a program printed; errText is the engine's error value.
type ran struct{ stdout, stderr, errText string }

// runInEngine runs src as cell In[1] of a fresh engine, as the worker runs a
// cell: in a goroutine of its own cell, with the worker's deadlock watch
// (faster samples) and its policy for a panic in one of the cell's
// goroutines (the program ends with it, as under go run). stderr is what the
// cell wrote there followed by its error's traceback, as a notebook shows
// them one after the other.
func runInEngine(t *testing.T, src string) ran {
	out, errc := newCapture(t), newCapture(t)
	defer out.w.Close()
	defer errc.w.Close()
	tr := sched.NewTracker()
	cell := tr.NewCell(fmt.Sprintf("corpus-%d", corpusCells.Add(1)), 1)
	var e *Engine
	panics := make(chan *outcome.Error, 1)
	tr.OnPanic = func(c *sched.Cell, v any, stack []byte) {
		select {
		case panics <- e.GoroutinePanic(v, stack):
		default:
		}
	}
	e, err := New(Options{Stdout: out.w, Stderr: errc.w, Tracker: tr})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	results := make(chan Result, 1)
	go tr.Run(cell, func() { results <- e.Execute(ctx, src) })
	deadlock := tr.WatchDeadlock(ctx, 100*time.Millisecond, 3)
	var r Result
	var stopped *outcome.Error
	for stopped == nil {
		select {
		case r = <-results:
		case parked := <-deadlock:
			stopped = sched.DeadlockError(parked)
		case p := <-panics:
			stopped = p
		}
		if stopped == nil {
			break
		}
		tr.Stop(cell)
		select {
		case <-results:
		case <-time.After(500 * time.Millisecond):
			cancel() // a wait only the interpreter can end
			<-results
		}
		r = Result{Err: stopped}
	}
	var res ran
	stderr := errc.take()
	if r.Err != nil {
		res.errText = r.Err.Value
		stderr += strings.Join(r.Err.Traceback, "\n") + "\n"
	}
	res.stdout, res.stderr = out.take(), stderr
	return res
}

var corpusCells atomic.Int64

// The parts of a Go stack trace that differ from one run or machine to the
// next, and what the kernel prints instead of a file position.
var (
	goroutineNumRE = regexp.MustCompile(`\bgoroutine \d+\b`)
	hexRE          = regexp.MustCompile(`0x[0-9a-f]+`)
	cellPosRE      = regexp.MustCompile(`^\tIn\[\d+\]:(\d+)$`)
	filePosRE      = regexp.MustCompile(`^\t(/.*\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
	frameRE        = regexp.MustCompile(`^([^\s(][^(]*)\(.*\)$`)
)

// normaliseStderr makes a Go stack trace and the kernel's comparable: in a
// trace (the lines after "goroutine N [...]:"), each frame is a function
// line and a position line; a frame of the program file keeps its function
// name with "(...)" for the arguments and its line, written as the kernel
// writes a cell's position (In[1]:LINE); frames in other files (the
// runtime, the standard library, the kernel) are dropped, as are "created
// by" frames and elision notes. Goroutine numbers become N and hex values
// 0x?, and the kernel's own notices ("[program exited: …]") go.
func normaliseStderr(s, file string) string {
	lines := strings.Split(s, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "[program exited: ") || strings.HasPrefix(l, "...") && strings.HasSuffix(l, "elided...") {
			continue
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		if m := frameRE.FindStringSubmatch(l); m != nil && strings.HasPrefix(next, "\t") || strings.HasPrefix(l, "created by ") {
			i++ // the frame's position line
			line := ""
			if p := filePosRE.FindStringSubmatch(next); p != nil && p[1] == file {
				line = p[2]
			} else if p := cellPosRE.FindStringSubmatch(next); p != nil {
				line = p[1]
			}
			if line == "" || strings.HasPrefix(l, "created by ") {
				continue
			}
			name := frameRE.FindStringSubmatch(l)[1]
			out = append(out, name+"(...)", "\tIn[1]:"+line)
			continue
		}
		l = goroutineNumRE.ReplaceAllString(l, "goroutine N")
		out = append(out, hexRE.ReplaceAllString(l, "0x?"))
	}
	return strings.Join(out, "\n")
}
