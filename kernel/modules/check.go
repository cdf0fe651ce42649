package modules

// Which packages the interpreter cannot run, and why — found when %go get
// adds a module (with a scratch interpreter) and when an import fails
// (from the files alone).
//
// A package cannot be interpreted when, with its files selected as for the
// interpreter (buildContext: no cgo, tag purego):
//   - it has cgo files and no pure-Go alternative: `uses cgo (import "C"),
//     which the interpreter cannot run`;
//   - it has assembly files (functions declared without a body):
//     `has assembly (f_amd64.s), which the interpreter cannot run`;
//   - it imports a standard package the interpreter does not provide
//     (unsafe, syscall, embed, plugin, …): `imports unsafe, which the
//     interpreter does not provide`;
//   - it imports a package that cannot be interpreted:
//     `imports example.com/x, which cannot be interpreted`;
//   - yaegi refuses its source (generic code it cannot type, such as a type
//     parameter that appears only in another one's constraint, a range over
//     a function, …): `the interpreter rejects it: FILE:LINE:COL: yaegi's
//     message`.

import (
	"context"
	"errors"
	"fmt"
	"go/build"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/bundled"
	"github.com/gokernel/gokernel/kernel/stdlib"
	"github.com/traefik/yaegi/interp"
)

// problem is a package that cannot be interpreted.
type problem struct {
	pkg    string
	reason string
}

func (p problem) String() string { return p.pkg + ": " + p.reason }

// compiledIn are the import paths the interpreter has compiled in: the
// standard library's table and the bundled modules. They win over source.
var compiledIn = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for key := range stdlib.Symbols() {
		out[path.Dir(key)] = true
	}
	for key := range bundled.Symbols {
		out[path.Dir(key)] = true
	}
	return out
})

// isStd reports whether an import path is the standard library's (or a
// host package's, "gokernel/display"): its first element has no dot.
func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// checker finds the packages that cannot be interpreted among some packages
// and what they import.
type checker struct {
	tree *Tree
	ctx  context.Context
	// scratch, when set, imports every package that passes the static
	// checks, after its dependencies: a fresh interpreter, so that a
	// failed import (which yaegi does not retry) costs the session nothing.
	scratch *interp.Interpreter
	generic *stdlib.Loader     // the kernel's generic standard library, for scratch
	seen    map[string]*string // import path -> reason ("" fine); nil while being visited
	order   []string           // packages with a reason, in the order found
}

func newChecker(ctx context.Context, t *Tree, dynamic bool) (*checker, error) {
	c := &checker{tree: t, ctx: ctx, seen: map[string]*string{}}
	if dynamic {
		in := interp.New(interp.Options{GoPath: GoPath, SourcecodeFilesystem: t.scratch(), BuildTags: interpreterTags(),
			Stdout: io.Discard, Stderr: io.Discard})
		if err := in.Use(stdlib.Symbols()); err != nil {
			return nil, err
		}
		if err := in.Use(bundled.Symbols); err != nil {
			return nil, err
		}
		gen, err := stdlib.NewLoader(in)
		if err != nil {
			return nil, err
		}
		c.scratch, c.generic = in, gen
	}
	return c, nil
}

// interpreterTags are the build tags the interpreter evaluates "// +build"
// lines with (see buildTags).
func interpreterTags() []string { return append([]string{"gc"}, buildTags...) }

// reason says why the package at import path p cannot be interpreted; ""
// when it can (or, for a standard package, when the interpreter has it).
func (c *checker) reason(p string) string {
	if r, ok := c.seen[p]; ok {
		if r == nil {
			return "" // an import cycle: the go command reports those
		}
		return *r
	}
	if isStd(p) {
		r := ""
		if !compiledIn()[p] {
			r = "the interpreter does not provide it"
		}
		c.seen[p] = &r
		return r
	}
	if compiledIn()[p] {
		r := ""
		c.seen[p] = &r
		return r
	}
	c.seen[p] = nil
	r := c.find(p)
	c.seen[p] = &r
	if r != "" {
		c.order = append(c.order, p)
	}
	return r
}

func (c *checker) find(p string) string {
	_, dir, ok := c.tree.lookup(p)
	if !ok {
		return "no module of the build list provides it"
	}
	pkg, err := buildContext().ImportDir(dir, 0)
	if err != nil {
		var none *build.NoGoError
		if errors.As(err, &none) {
			cgo := buildContext()
			cgo.CgoEnabled = true
			if cp, err := cgo.ImportDir(dir, 0); err == nil && len(cp.CgoFiles) > 0 {
				return `uses cgo (import "C"), which the interpreter cannot run`
			}
			return "has no Go files for " + build.Default.GOOS + "/" + build.Default.GOARCH
		}
		return "cannot be loaded: " + err.Error()
	}
	if len(pkg.SFiles) > 0 {
		return "has assembly (" + pkg.SFiles[0] + "), which the interpreter cannot run"
	}
	for _, imp := range pkg.Imports {
		if r := c.reason(imp); r != "" {
			if isStd(imp) {
				return "imports " + imp + ", which the interpreter does not provide"
			}
			return "imports " + imp + ", which cannot be interpreted"
		}
	}
	if c.scratch == nil {
		return ""
	}
	if c.ctx.Err() != nil {
		return ""
	}
	// The generic standard packages it imports first: loaded after this
	// throwaway interpreter has run nothing, as the engine does at start.
	if err := c.generic.Load(pkg.Imports...); err != nil {
		return "the interpreter rejects it: " + err.Error()
	}
	_, err = c.scratch.EvalWithContext(c.ctx, fmt.Sprintf("import _ %q", p))
	if err == nil || c.ctx.Err() != nil {
		return ""
	}
	return "the interpreter rejects it: " + interpreterMessage(err.Error(), p)
}

// interpreterMessage is yaegi's message for a failed import of p without
// the import's own position and with the files named by import path:
// "example.com/gen/gen.go:5:24: undefined selector iter.Seq".
func interpreterMessage(msg, p string) string {
	if _, rest, ok := strings.Cut(msg, fmt.Sprintf("import %q error: ", p)); ok {
		msg = rest
	}
	msg = strings.ReplaceAll(msg, srcPrefix, "")
	line, _, _ := strings.Cut(msg, "\n")
	if line == "nil type" { // yaegi's whole message for a range over a function
		line += " (a range over a function, a Go 1.23 iterator, which the interpreter does not support?)"
	}
	return line
}

// problems are the packages found not interpretable, those of the modules
// in first first, each group by import path.
func (c *checker) problems(first map[string]bool) []problem {
	var mine, others []problem
	for _, p := range c.order {
		pr := problem{pkg: p, reason: *c.seen[p]}
		if m, _, _ := c.tree.lookup(p); first[m] {
			mine = append(mine, pr)
		} else {
			others = append(others, pr)
		}
	}
	by := func(s []problem) { sort.Slice(s, func(i, j int) bool { return s[i].pkg < s[j].pkg }) }
	by(mine)
	by(others)
	return append(mine, others...)
}

// packages lists the importable packages of the module at dir (path
// modPath): every directory with Go files, except main packages, internal
// ones, testdata, vendor, and nested modules. Packages whose files all need
// cgo are listed too (the check says why they cannot be interpreted).
func packages(modPath, dir string) []string {
	var out []string
	walkPackages(modPath, dir, func(ip, _ string) bool {
		out = append(out, ip)
		return true
	})
	return out
}

// walkPackages calls f with the import path and directory of each package
// packages lists, until f returns false.
func walkPackages(modPath, dir string, f func(importPath, dir string) bool) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel != "." {
			name := d.Name()
			if name == "testdata" || name == "vendor" || name == "internal" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if fileExists(filepath.Join(p, "go.mod")) {
				return filepath.SkipDir
			}
		}
		ip := modPath
		if rel != "." {
			ip += "/" + rel
		}
		cgo := buildContext()
		cgo.CgoEnabled = true
		pkg, err := cgo.ImportDir(p, 0)
		if err != nil || pkg.Name == "main" || len(pkg.GoFiles)+len(pkg.CgoFiles) == 0 {
			return nil
		}
		if !f(ip, p) {
			return filepath.SkipAll
		}
		return nil
	})
}
