package main

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The binary runs two processes (see the package doc): the kernel process,
// which owns the Jupyter sockets, and the worker, which runs user code.
// Each package of the module lives in one of them, or is data both share,
// and its imports show which: a kernel-side package that imported a
// worker-side one would load the interpreter's packages into the process
// that must survive them, and a worker-side package that imported a
// kernel-side one would lean on state the worker does not have. Only this
// binary, which starts either process, imports both sides.
const (
	kernelSide = "kernel process"
	workerSide = "worker process"
	shared     = "shared data" // imports only other shared packages
	tool       = "tool"        // not part of the kernel: imports only shared packages and tools
	binary     = "the binary"  // may import anything
)

// side of every package under kernel/ (and the course's lessons/). A new package must be added here:
// the test fails for a package it does not know.
var side = map[string]string{
	"kernel/transport":  kernelSide,
	"kernel/wire":       kernelSide,
	"kernel/core":       kernelSide,
	"kernel/assist":     kernelSide,
	"kernel/supervisor": kernelSide,
	"kernel/kernelspec": kernelSide,

	"kernel/worker":       workerSide,
	"kernel/engine":       workerSide,
	"kernel/frontend":     workerSide,
	"kernel/magic":        workerSide,
	"kernel/sched":        workerSide,
	"kernel/sched/stacks": workerSide,
	"kernel/timeline":     workerSide,
	"kernel/display":      workerSide,
	"kernel/modules":      workerSide,
	"kernel/typedfmt":     workerSide,
	// Go's runtime.boundsError (named runtime for %T), the bounds checks'
	// panic value.
	"kernel/engine/runtime": workerSide,

	"kernel/ipc":                    shared,
	"kernel/outcome":                shared,
	"kernel/pkgdoc":                 shared,
	"kernel/stdlib":                 shared,
	"kernel/stdlib/internal/native": shared,
	// The generic standard library: sources the interpreter compiles
	// (embedded by package stdlib), and a package of the module only so that
	// go vet and the tests check them.
	"kernel/stdlib/generic/bytes":       shared,
	"kernel/stdlib/generic/cmp":         shared,
	"kernel/stdlib/generic/errors":      shared,
	"kernel/stdlib/generic/iter":        shared,
	"kernel/stdlib/generic/maps":        shared,
	"kernel/stdlib/generic/slices":      shared,
	"kernel/stdlib/generic/strings":     shared,
	"kernel/stdlib/generic/sync":        shared,
	"kernel/stdlib/generic/sync/atomic": shared,
	"kernel/bundled":                    shared,

	// The course: the lessons' sources (embedded) and their format, read by
	// the worker (%check) and by the binary's lessons and run commands.
	"lessons":        shared,
	"kernel/lessons": shared,

	"kernel/cmd/gokernel": binary,
}

// testExceptions are imports a package's tests may make across the line,
// with why.
var testExceptions = map[string]map[string]string{
	"kernel/supervisor": {"kernel/worker": "the test binary doubles as the worker process it supervises"},
}

// allowed reports whether a package on side from may import one on side to.
func allowed(from, to string) bool {
	switch from {
	case binary:
		return true
	case kernelSide, workerSide, tool:
		return to == from || to == shared
	}
	return to == shared
}

func TestImportsKeepToTheirProcess(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	const module = "github.com/gokernel/gokernel/"
	seen := map[string]bool{}
	walk := func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(dir, 0)
		if _, none := err.(*build.NoGoError); none {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, dir)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		from, ok := side[rel]
		if !ok {
			t.Errorf("%s: a package the test does not know; add it to side (%s, %s or %s)", rel, kernelSide, workerSide, shared)
			return nil
		}
		check := func(imports []string, inTests bool) {
			for _, imp := range imports {
				target, ok := strings.CutPrefix(imp, module)
				if !ok {
					continue
				}
				to, known := side[target]
				if !known {
					t.Errorf("%s imports %s, which the test does not know", rel, target)
					continue
				}
				if allowed(from, to) {
					continue
				}
				if why, ok := testExceptions[rel][target]; inTests && ok {
					t.Logf("%s's tests import %s: %s", rel, target, why)
					continue
				}
				where := rel
				if inTests {
					where += "'s tests"
				}
				t.Errorf("%s (%s) imports %s (%s)", where, from, target, to)
			}
		}
		check(pkg.Imports, false)
		check(slices.Concat(pkg.TestImports, pkg.XTestImports), true)
		return nil
	}
	for _, top := range []string{"kernel", "lessons"} {
		if err := filepath.WalkDir(filepath.Join(root, top), walk); err != nil {
			t.Fatal(err)
		}
	}
	for p := range side {
		if !seen[p] {
			t.Errorf("%s is listed but has no Go files: remove it from side", p)
		}
	}
}
