package stdlib

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// A program is a whole `package main` source whose standard output under
// yaegi (with Symbols and the generic sources) must equal its output when
// built by the Go toolchain.
type program struct {
	name string
	src  string
	// unordered: compare the output as a sorted list of lines
	// (goroutines).
	unordered bool
}

// runYaegi runs src in a fresh interpreter with Symbols() and, when
// generic is set, a Loader that loads every package src imports. It
// returns the standard output and the error Eval returned.
func runYaegi(src string, generic bool) (string, error) {
	var out, errOut bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &errOut})
	if err := in.Use(Symbols()); err != nil {
		return "", err
	}
	if generic {
		l, err := NewLoader(in)
		if err != nil {
			return "", err
		}
		if err := l.Load(importsOf(src)...); err != nil {
			return "", err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := in.EvalWithContext(ctx, src)
	return out.String(), err
}

func importsOf(src string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "prog.go", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var paths []string
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		paths = append(paths, p)
	}
	return paths
}

// goResult is a program's behaviour under the Go toolchain.
type goResult struct {
	stdout string
	failed bool // non-zero exit (a panic)
}

// runGo builds every program into one binary (a package per program, one
// `go build`, one link: the machine is shared) and runs each. It skips the
// test when no go command is on PATH.
func runGo(t *testing.T, progs []program) map[string]goResult {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH: cannot compare with the Go toolchain")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module gkcases\n\ngo 1.26\n")
	var mainSrc strings.Builder
	mainSrc.WriteString("package main\n\nimport (\n\t\"os\"\n")
	for i, p := range progs {
		pkg := fmt.Sprintf("c%03d", i)
		src, err := asPackage(p.src, pkg)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		write(filepath.Join(pkg, "prog.go"), src)
		fmt.Fprintf(&mainSrc, "\t%s \"gkcases/%s\"\n", pkg, pkg)
	}
	mainSrc.WriteString(")\n\nvar progs = map[string]func(){\n")
	for i, p := range progs {
		fmt.Fprintf(&mainSrc, "\t%q: c%03d.Main,\n", p.name, i)
	}
	mainSrc.WriteString("}\n\nfunc main() { progs[os.Args[1]]() }\n")
	write("main.go", mainSrc.String())
	bin := filepath.Join(dir, "cases")
	cmd := exec.Command(gobin, "build", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOTOOLCHAIN=local", "GOPROXY=off", "GO111MODULE=on", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	res := make(map[string]goResult, len(progs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, p := range progs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var out bytes.Buffer
			run := exec.CommandContext(ctx, bin, p.name)
			run.Stdout = &out
			err := run.Run()
			mu.Lock()
			res[p.name] = goResult{stdout: out.String(), failed: err != nil}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return res
}

// asPackage turns a main program into package pkg with an exported Main.
func asPackage(src, pkg string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "prog.go", src, parser.ParseComments)
	if err != nil {
		return "", err
	}
	f.Name.Name = pkg
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			fd.Name.Name = "Main"
		}
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, f); err != nil {
		return "", err
	}
	return b.String(), nil
}

func sortedLines(s string) string {
	lines := strings.SplitAfter(s, "\n")
	sort.Strings(lines)
	return strings.Join(lines, "")
}

// compare runs each program under yaegi and checks it against want.
func compare(t *testing.T, progs []program, want map[string]goResult) {
	t.Helper()
	for _, p := range progs {
		t.Run(p.name, func(t *testing.T) {
			w := want[p.name]
			got, err := runYaegi(p.src, true)
			g, ws := got, w.stdout
			if p.unordered {
				g, ws = sortedLines(g), sortedLines(ws)
			}
			if g != ws {
				t.Errorf("stdout differs (yaegi error: %v)\n--- go\n%s--- yaegi\n%s", err, w.stdout, got)
			}
			if (err != nil) != w.failed {
				t.Errorf("yaegi error %v, go failed: %v", err, w.failed)
			}
		})
	}
}
