package main

// gokernel run NOTEBOOK [--check]: a notebook run headless, printed as a
// terminal session would show it; --check compares what each cell gives
// now with what the notebook stores.

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/lessons"
)

// parseMixed parses flags that may come before or after the positional
// arguments ("run NB --check" as well as "run --check NB").
func parseMixed(fs *flag.FlagSet, args []string) (pos []string, ok bool, code int) {
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, false, 0
			}
			return nil, false, 2
		}
		if fs.NArg() == 0 {
			return pos, true, 0
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", "run NOTEBOOK... [--check]", stderr)
	check := fs.Bool("check", false, "compare each cell's outputs with the stored ones; exit 1 on a difference")
	timeout := fs.Duration("timeout", cellTimeout, "interrupt a cell that runs longer than this")
	dir := fs.String("lessons", "", "`DIR` of lessons (*.md) for %check, instead of those built into gokernel")
	paths, ok, code := parseMixed(fs, args)
	if !ok {
		return code
	}
	if *dir != "" {
		abs, err := filepath.Abs(*dir)
		if err != nil {
			fmt.Fprintf(stderr, "gokernel run: %v\n", err)
			return 1
		}
		lessonsDir = abs
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "gokernel run: which notebook?")
		fs.Usage()
		return 2
	}
	cellTimeout = *timeout
	status := 0
	for _, path := range paths {
		if runOne(path, *check, stdout, stderr) != 0 {
			status = 1
		}
	}
	return status
}

// runOne runs one notebook; see runCmd.
func runOne(path string, check bool, stdout, stderr io.Writer) int {
	b, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "gokernel run: %v\n", err)
		return 1
	}
	nb, err := lessons.Decode(b)
	if err != nil {
		fmt.Fprintf(stderr, "gokernel run: %s: %v\n", path, err)
		return 1
	}
	stored := slices.Clone(nb.Cells)
	for i := range stored {
		stored[i].Outputs = slices.Clone(stored[i].Outputs)
	}
	var problems []string
	t0 := time.Now()
	cells := 0
	w := watcher{after: func(i int, c *lessons.NBCell) {
		cells++
		if !check {
			printEnd(stdout, c)
		}
		problems = append(problems, cellProblems(i, c, &stored[i], check)...)
	}}
	if !check {
		w.before = func(c *lessons.NBCell) { printSource(stdout, c) }
		w.live = func(o lessons.Output) { printOutput(stdout, stderr, o, 0) }
	}
	runNotebook(filepath.Dir(path), nb, w)
	elapsed := time.Since(t0)
	name := filepath.Base(path)
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "%s: %s:\n\n%s\n", name, outcomeCount(len(problems), "problem"), strings.Join(problems, "\n\n"))
		return 1
	}
	if check {
		fmt.Fprintf(stdout, "%s: %d code cells as stored, in %.1fs\n", name, cells, elapsed.Seconds())
	} else {
		fmt.Fprintf(stderr, "%s: %d code cells in %.1fs\n", name, cells, elapsed.Seconds())
	}
	return 0
}

func outcomeCount(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// cellProblems says what is wrong with cell i (0-based) after its run: an
// error it was not meant to raise, or (raises-exception) none; with check,
// outputs that differ from the stored ones (not compared for a
// nondeterministic cell).
func cellProblems(i int, c, was *lessons.NBCell, check bool) []string {
	where := fmt.Sprintf("cell %d (In[%d])", i+1, c.Count)
	e := errorOf(c.Outputs)
	switch {
	case e != nil && !c.Has(lessons.TagRaises):
		return []string{fmt.Sprintf("%s: unexpected error: %s: %s", where, e.EName, e.EValue)}
	case e == nil && c.Has(lessons.TagRaises):
		return []string{where + ": tagged raises-exception, but it raised no error"}
	}
	if !check || c.Has(lessons.TagNondeterministic) {
		return nil
	}
	if was.Count == 0 && len(was.Outputs) == 0 {
		return []string{where + ": the notebook stores no outputs for it (run `gokernel lessons build`)"}
	}
	want, got := outputText(was.Outputs), outputText(c.Outputs)
	if want == got {
		return nil
	}
	return []string{where + ": the outputs differ (- stored, + now):\n" + lineDiff(want, got)}
}

// outputText is what --check compares of a cell's outputs: stream text by
// stream (consecutive pieces of one stream joined, as clients store it
// differently), results and displays by their MIME types and text/plain,
// errors by ename and evalue (a traceback names goroutine numbers, which
// differ run to run).
func outputText(outs []lessons.Output) string {
	var b strings.Builder
	last := ""
	for _, o := range outs {
		switch o.Type {
		case "stream":
			if last != "stream "+o.Name {
				fmt.Fprintf(&b, "[%s]\n", o.Name)
			}
			b.WriteString(o.Text)
			if !strings.HasSuffix(o.Text, "\n") {
				b.WriteString("⏎\n") // no newline at the end
			}
			last = "stream " + o.Name
			continue
		case "execute_result", "display_data":
			var mimes []string
			for k := range o.Data {
				mimes = append(mimes, k)
			}
			sort.Strings(mimes)
			fmt.Fprintf(&b, "[%s %s]\n", o.Type, strings.Join(mimes, " "))
			if s, ok := o.Data["text/plain"].(string); ok {
				b.WriteString(strings.TrimSuffix(s, "\n") + "\n")
			}
		case "error":
			fmt.Fprintf(&b, "[error]\n%s: %s\n", o.EName, o.EValue)
		default:
			fmt.Fprintf(&b, "[%s]\n", o.Type)
		}
		last = o.Type
	}
	return b.String()
}

// lineDiff is a line diff of a and b (longest common subsequence), with
// two lines of context around each change.
func lineDiff(a, b string) string {
	x, y := strings.Split(strings.TrimSuffix(a, "\n"), "\n"), strings.Split(strings.TrimSuffix(b, "\n"), "\n")
	if a == "" {
		x = nil
	}
	if b == "" {
		y = nil
	}
	// lcs[i][j]: length of the LCS of x[i:] and y[j:]
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			lines = append(lines, line{' ', x[i]})
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] > lcs[i+1][j]):
			lines = append(lines, line{'+', y[j]})
			j++
		default:
			lines = append(lines, line{'-', x[i]})
			i++
		}
	}
	const context = 2
	var out []string
	for k, l := range lines {
		near := false
		for d := -context; d <= context; d++ {
			if k+d >= 0 && k+d < len(lines) && lines[k+d].op != ' ' {
				near = true
			}
		}
		if near {
			out = append(out, "    "+string(l.op)+" "+l.text)
		} else if len(out) == 0 || out[len(out)-1] != "    …" {
			out = append(out, "    …")
		}
	}
	return strings.Join(out, "\n")
}

// A cell is shown as a terminal session would show it: its source after
// In [n]: (printSource, before it runs), its stream and display outputs as
// they come (printOutput), then Out[n]: for its result or its error as Go
// prints it (printEnd).
func printSource(stdout io.Writer, c *lessons.NBCell) {
	prompt := fmt.Sprintf("In [%d]: ", c.Count)
	cont := strings.Repeat(" ", len(prompt)-5) + "...: "
	for k, l := range strings.Split(c.Source, "\n") {
		if k == 0 {
			fmt.Fprintln(stdout, prompt+l)
		} else {
			fmt.Fprintln(stdout, cont+l)
		}
	}
}

// printOutput prints one output; count is the cell's, for Out[n]:.
func printOutput(stdout, stderr io.Writer, o lessons.Output, count int) {
	switch o.Type {
	case "stream":
		w := stdout
		if o.Name == "stderr" {
			w = stderr
		}
		fmt.Fprint(w, o.Text)
	case "execute_result":
		fmt.Fprintf(stdout, "Out[%d]: %s\n", count, plain(o))
	case "display_data":
		fmt.Fprintln(stdout, plain(o))
	case "error":
		fmt.Fprintln(stdout, strings.Join(o.Traceback, "\n"))
	}
}

// printEnd prints the cell's result or error (its other outputs were
// printed as they came) and a blank line.
func printEnd(stdout io.Writer, c *lessons.NBCell) {
	if n := len(c.Outputs); n > 0 {
		if o := c.Outputs[n-1]; o.Type == "execute_result" || o.Type == "error" {
			if n > 1 && c.Outputs[n-2].Type == "stream" && !strings.HasSuffix(c.Outputs[n-2].Text, "\n") {
				fmt.Fprintln(stdout) // the stream ended mid-line
			}
			printOutput(stdout, stdout, o, c.Count)
		}
	}
	fmt.Fprintln(stdout)
}

// plain is an output's text/plain, or the MIME types it has instead.
func plain(o lessons.Output) string {
	if s, ok := o.Data["text/plain"].(string); ok {
		return strings.TrimSuffix(s, "\n")
	}
	var mimes []string
	for k := range o.Data {
		mimes = append(mimes, k)
	}
	sort.Strings(mimes)
	return "[" + strings.Join(mimes, ", ") + "]"
}
