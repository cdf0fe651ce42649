package modules

// The file system the interpreter imports source packages from.
//
// yaegi behaviours answered here (measured with v0.16.1):
//   - It finds a source package only as GOPATH/src/<import path>, and reads
//     GOPATH only in interp.New; but it reads the directory through
//     Options.SourcecodeFilesystem at every import of a package it does not
//     have yet. So the GOPATH is virtual (GoPath) and this file system maps
//     it onto the module cache, with entries added while the interpreter
//     runs: a package is importable as soon as %go get has added its module.
//   - It evaluates "// +build" lines but not "//go:build" lines, so files
//     for other systems or for cgo would be compiled together with their
//     pure-Go alternatives. ReadDir shows a package directory's .go files
//     as go/build selects them (files, see buildContext), and the
//     interpreter is given the same tags (BuildTags) for the "// +build"
//     lines it does read.
//   - A failed import of a package it found is not retried: the next
//     import of the same path says "import cycle not allowed" (ImportHint
//     says what that means).

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// GoPath is the interpreter's GOPATH. No such directory exists: the Tree
// serves GoPath/src/<import path> from the module's directory, and the
// interpreter's messages about a module's files name them under it.
const GoPath = "/gokernel/modules"

const srcPrefix = GoPath + "/src/"

// buildTags are the tags a package's files are selected with besides the
// system's, here and by the go commands %go get runs: "purego" chooses the
// pure-Go version of a package that has an assembly one. The interpreter
// is given "gc" too, for the "// +build" lines it evaluates itself, since
// go/build matches gc as the compiler.
var buildTags = []string{"purego"}

// buildContext selects files as `CGO_ENABLED=0 go build -tags purego`
// does: what the interpreter can run, when the package offers it.
func buildContext() *build.Context {
	c := build.Default
	c.CgoEnabled = false
	c.BuildTags = buildTags
	c.GOPATH = ""
	return &c
}

// Tree is a file system in GOPATH layout over the modules of a build list:
// GoPath/src/<import path> is the package's directory in the module (the
// module cache's <module>@<version>, or a replacement's directory), found
// by the longest module path that prefixes the import path, as the go
// command resolves it (nested modules, /vN paths). Names outside GoPath are
// opened as they are, as yaegi's default file system does.
type Tree struct {
	mu   sync.Mutex
	mods map[string]string // module path -> directory
	// served are the modules whose directories the interpreter has read:
	// it keeps what it compiled, so a served module keeps its directory
	// until the worker is replaced.
	served map[string]bool
}

func newTree() *Tree { return &Tree{mods: map[string]string{}, served: map[string]bool{}} }

// set replaces the mapping by mods (module path -> directory). A module the
// interpreter has read keeps its directory; set returns those whose
// directory would have changed.
func (t *Tree) set(mods map[string]string) (kept []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	next := make(map[string]string, len(mods))
	for m, dir := range mods {
		next[m] = dir
	}
	for m := range t.served {
		old, had := t.mods[m]
		if !had {
			continue
		}
		if next[m] != old {
			kept = append(kept, m)
		}
		next[m] = old
	}
	t.mods = next
	slices.Sort(kept)
	return kept
}

// snapshot is the current mapping.
func (t *Tree) snapshot() map[string]string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make(map[string]string, len(t.mods))
	for m, dir := range t.mods {
		out[m] = dir
	}
	return out
}

// lookup finds the module that provides importPath and the package's
// directory in it.
func (t *Tree) lookup(importPath string) (module, dir string, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for m := range t.mods {
		if (importPath == m || strings.HasPrefix(importPath, m+"/")) && len(m) > len(module) {
			module = m
		}
	}
	if module == "" {
		return "", "", false
	}
	return module, filepath.Join(t.mods[module], filepath.FromSlash(strings.TrimPrefix(importPath, module))), true
}

// resolve maps a name under GoPath/src to the file it means, and, if
// mark, records that the module has been read.
func (t *Tree) resolve(name string, mark bool) (string, error) {
	rel, ok := strings.CutPrefix(filepath.ToSlash(name), srcPrefix)
	if !ok {
		if name == GoPath || name == GoPath+"/src" {
			return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return name, nil // not ours: as yaegi's default file system
	}
	m, file, ok := t.lookup(rel)
	if !ok {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if mark {
		t.mu.Lock()
		t.served[m] = true
		t.mu.Unlock()
	}
	return file, nil
}

// Open implements fs.FS, for the session's interpreter.
func (t *Tree) Open(name string) (fs.File, error) { return t.open(name, true) }

// ReadDir implements fs.ReadDirFS, for the session's interpreter.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) { return t.readDir(name, true) }

// scratch is the Tree as a scratch interpreter reads it: what it reads is
// not what the session has compiled.
func (t *Tree) scratch() fs.FS { return scratchFS{t} }

type scratchFS struct{ t *Tree }

func (s scratchFS) Open(name string) (fs.File, error)          { return s.t.open(name, false) }
func (s scratchFS) ReadDir(name string) ([]fs.DirEntry, error) { return s.t.readDir(name, false) }

func (t *Tree) open(name string, mark bool) (fs.File, error) {
	file, err := t.resolve(name, mark)
	if err != nil {
		return nil, err
	}
	return os.Open(file)
}

// readDir shows a package directory's .go files as go/build selects them
// for the interpreter (buildContext), and every other entry.
func (t *Tree) readDir(name string, mark bool) ([]fs.DirEntry, error) {
	dir, err := t.resolve(name, mark)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	if p, err := buildContext().ImportDir(dir, 0); err == nil {
		for _, f := range p.GoFiles {
			keep[f] = true
		}
	}
	out := entries[:0]
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || keep[e.Name()] {
			out = append(out, e)
		}
	}
	return out, nil
}
