package main

// gokernel lessons build [--check]: lessons/*.md → notebooks/NN.ipynb (the
// student's) and notebooks/solutions/NN.ipynb (the teacher's, for a lesson
// with exercises), each run through the kernel so that it stores real
// outputs. --check only compares notebooks/ with what the lessons give
// (sources, tags, structure); `gokernel run --check` compares outputs.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/lessons"
)

func lessonsCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "build" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprintln(stdout, "Usage: gokernel lessons build [--check] [--lessons DIR] [--notebooks DIR]")
			return 0
		}
		fmt.Fprintln(stderr, "Usage: gokernel lessons build [--check] [--lessons DIR] [--notebooks DIR]")
		return 2
	}
	fs := newFlags("lessons build", "lessons build [--check] [--lessons DIR] [--notebooks DIR]", stderr)
	check := fs.Bool("check", false, "fail if notebooks/ is not what the lessons give (sources, tags, structure); runs nothing")
	src := fs.String("lessons", "lessons", "directory of the lesson sources (*.md)")
	dst := fs.String("notebooks", "notebooks", "directory of the notebooks (solutions/ in it: the teacher's)")
	if ok, code := parseFlags(fs, args[1:]); !ok {
		return code
	}
	all, err := lessons.All(os.DirFS(*src))
	if err != nil {
		fmt.Fprintf(stderr, "gokernel lessons build: %v\n", err)
		return 1
	}
	if len(all) == 0 {
		fmt.Fprintf(stderr, "gokernel lessons build: no *.md in %s\n", *src)
		return 1
	}
	if lessonsDir, err = filepath.Abs(*src); err != nil {
		fmt.Fprintf(stderr, "gokernel lessons build: %v\n", err)
		return 1
	}
	targets := buildTargets(all, *dst)
	if *check {
		return checkBuilt(targets, *dst, stdout, stderr)
	}
	status := 0
	for _, t := range targets {
		if err := buildOne(t, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "gokernel lessons build: %v\n", err)
			status = 1
		}
	}
	for _, extra := range strays(targets, *dst) {
		fmt.Fprintf(stderr, "gokernel lessons build: %s is no lesson's notebook (left alone)\n", extra)
	}
	return status
}

// target is one notebook to build.
type target struct {
	path string
	nb   *lessons.NB
}

func buildTargets(all []*lessons.Lesson, dst string) []target {
	var out []target
	for _, l := range all {
		out = append(out, target{filepath.Join(dst, l.Name+".ipynb"), l.Student()})
		if len(l.Exercises) > 0 {
			out = append(out, target{filepath.Join(dst, "solutions", l.Name+".ipynb"), l.Teacher()})
		}
	}
	return out
}

// strays are the notebooks in dst and dst/solutions that no lesson builds.
func strays(targets []target, dst string) []string {
	var out []string
	for _, pattern := range []string{"*.ipynb", filepath.Join("solutions", "*.ipynb")} {
		found, _ := filepath.Glob(filepath.Join(dst, pattern))
		for _, f := range found {
			if !slices.ContainsFunc(targets, func(t target) bool { return filepath.Clean(t.path) == filepath.Clean(f) }) {
				out = append(out, f)
			}
		}
	}
	return out
}

func checkBuilt(targets []target, dst string, stdout, stderr io.Writer) int {
	var problems []string
	for _, t := range targets {
		b, err := os.ReadFile(t.path)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: missing", t.path))
			continue
		}
		got, err := lessons.Decode(b)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", t.path, err))
			continue
		}
		for _, d := range lessons.Diff(t.nb, got) {
			problems = append(problems, t.path+": "+d)
		}
	}
	for _, extra := range strays(targets, dst) {
		problems = append(problems, extra+": no lesson builds it")
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "notebooks/ is not what the lessons give (run `gokernel lessons build`):\n%s\n", strings.Join(problems, "\n"))
		return 1
	}
	fmt.Fprintf(stdout, "%d notebooks are what the lessons give\n", len(targets))
	return 0
}

// buildOne runs t's notebook and writes it when its bytes change. A
// nondeterministic cell whose source and tags are unchanged, and that fails
// or not as before, keeps the outputs the file has: its text differs every
// run, and the file should not.
func buildOne(t target, stdout, stderr io.Writer) error {
	old := map[string]lessons.NBCell{}
	before, _ := os.ReadFile(t.path)
	if prev, err := lessons.Decode(before); err == nil && before != nil {
		for _, c := range prev.Cells {
			old[c.ID] = c
		}
	}
	if err := os.MkdirAll(filepath.Dir(t.path), 0o755); err != nil {
		return err
	}
	var problems []string
	t0 := time.Now()
	runNotebook(filepath.Dir(t.path), t.nb, watcher{after: func(i int, c *lessons.NBCell) {
		problems = append(problems, cellProblems(i, c, nil, false)...)
		if o, ok := old[c.ID]; ok && c.Has(lessons.TagNondeterministic) && o.Source == c.Source && slices.Equal(o.Tags, c.Tags) &&
			(errorOf(o.Outputs) == nil) == (errorOf(c.Outputs) == nil) && len(o.Outputs) > 0 {
			c.Outputs = o.Outputs
		}
	}})
	elapsed := time.Since(t0)
	b, err := lessons.Encode(t.nb)
	if err != nil {
		return err
	}
	verb := "unchanged"
	if !bytes.Equal(b, before) {
		if err := os.WriteFile(t.path, b, 0o644); err != nil {
			return err
		}
		verb = "wrote"
	}
	fmt.Fprintf(stdout, "%s %s (Run All: %.1fs)\n", verb, t.path, elapsed.Seconds())
	if len(problems) > 0 {
		return fmt.Errorf("%s:\n%s", t.path, strings.Join(problems, "\n"))
	}
	return nil
}
