package magic

// The magics that look at or change the session around the code: the
// environment (%env), the names defined (%who), the worker itself (%reset,
// %gomaxprocs) and files (%%writefile).

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gokernel/gokernel/kernel/outcome"
)

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

// reset asks for a fresh worker: the worker alone cannot forget a session,
// so Run returns Result.Reset and the worker asks the supervisor.
func (r *Runner) reset() Result {
	fmt.Fprintln(r.Stdout, "Reset: a fresh worker takes the next cell; every variable, function, type, import and goroutine of this session is gone.")
	return Result{Reset: true}
}

func (r *Runner) gomaxprocs(args string) *outcome.Error {
	if args == "" {
		fmt.Fprintln(r.Stdout, runtime.GOMAXPROCS(0))
		return nil
	}
	n, err := strconv.Atoi(args)
	if err != nil || n < 1 {
		return magicError("%gomaxprocs: want a positive number, got " + strconv.Quote(args))
	}
	old := runtime.GOMAXPROCS(n)
	fmt.Fprintf(r.Stdout, "GOMAXPROCS: %d (was %d)\n", n, old)
	return nil
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
