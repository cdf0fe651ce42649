// Package modules makes Go modules importable in cells, interpreted from
// source over the module cache, and remembers them per notebook folder. It
// lives in the worker: the magic %go get (package magic) calls Get, the
// engine imports through the Session (engine.Sources), and the worker
// reports the packages it describes (Packages) for completion.
//
// How a package becomes importable: `go get` downloads the module and its
// dependencies into the module cache; the Session's Tree (tree.go) maps
// every module of the build list (`go list -m all`) to its directory there,
// in the GOPATH layout yaegi imports source packages from. yaegi looks for
// a compiled-in package first, so the standard library and the bundled
// modules (golang.org/x/sync, golang.org/x/time) keep precedence over any
// version a module requires.
//
// Where state lives: in a go.mod in the notebook's folder — the worker's
// working directory when it starts, since Jupyter starts a kernel in its
// notebook's folder. Get runs `go get` there, creating the go.mod (module
// notebook) when there is none. Open, at every worker start, lists that
// go.mod's build list offline (GOPROXY=off, -mod=readonly: nothing is
// downloaded and nothing in the folder is written) and maps the modules the
// module cache has: a restarted kernel, or the notebook reopened later,
// imports them again with no %go get and no network. A folder that is not
// writable keeps its go.mod in the user's cache directory instead
// (fallbackDir), started from a copy of the folder's, and that one is used
// for the folder from then on while the folder stays read-only.
//
// A package that cannot be interpreted (cgo, assembly, unsafe, what yaegi
// cannot compile; check.go) is reported when %go get adds its module — a
// module none of whose packages can be interpreted is not added — and, if
// imported anyway, the import's error says why (ImportHint).
//
// Concurrency: Get and ImportHint run in the cell's goroutine; the Tree is
// read by the interpreter and Packages by the worker; all are safe to call
// at once.
package modules

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// Session is the modules of one worker.
type Session struct {
	folder   string // the notebook's folder
	fallback string // where it keeps its go.mod when it is not writable
	tree     *Tree
	// writable reports whether dir and its go.mod and go.sum can be
	// written (tests replace it: root writes anywhere).
	writable func(dir string) bool
	// OnChange, when set, is called after Get changed what is importable,
	// from Get's goroutine.
	OnChange func()

	mu       sync.Mutex
	versions map[string]string            // module path -> version, of the build list
	missing  map[string]string            // required modules not in the module cache -> version
	pkgs     map[string][]outcome.Package // described packages, by module path
	problem  string                       // why the go.mod could not be listed at start
	refused  map[string]string            // modules Get refused -> why
}

// startTimeout bounds the go commands of a worker start.
const startTimeout = 20 * time.Second

// Open is the Session of a worker started in folder: the modules its
// go.mod requires (and their dependencies) are importable if the module
// cache has them. It never fails: a problem is kept for ImportHint and
// logged on stderr.
func Open(folder string) *Session {
	s := newSession(folder)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if err := s.load(ctx); err != nil {
		s.problem = err.Error()
		fmt.Fprintf(os.Stderr, "gokernel worker: modules: %v\n", err)
	}
	return s
}

func newSession(folder string) *Session {
	if abs, err := filepath.Abs(folder); err == nil {
		folder = abs
	}
	return &Session{folder: folder, fallback: fallbackDir(folder), tree: newTree(), writable: writable,
		versions: map[string]string{}, missing: map[string]string{}, pkgs: map[string][]outcome.Package{},
		refused: map[string]string{}}
}

// GoPath, BuildTags, Open and ReadDir make the Session an engine.Sources.
func (s *Session) GoPath() string                             { return GoPath }
func (s *Session) BuildTags() []string                        { return interpreterTags() }
func (s *Session) Open(name string) (fs.File, error)          { return s.tree.Open(name) }
func (s *Session) ReadDir(name string) ([]fs.DirEntry, error) { return s.tree.ReadDir(name) }

// Packages describes the importable packages of the modules the go.mod
// requires, by import path, for completion (as far as the description
// budget goes: describe.go).
func (s *Session) Packages() []outcome.Package {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []outcome.Package
	for _, ps := range s.pkgs {
		out = append(out, ps...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// current is the directory whose go.mod the session uses, "" for none: the
// folder's, unless the folder is not writable and has a fallback go.mod.
func (s *Session) current() string {
	if fileExists(filepath.Join(s.fallback, "go.mod")) && !s.writable(s.folder) {
		return s.fallback
	}
	if fileExists(filepath.Join(s.folder, "go.mod")) {
		return s.folder
	}
	return ""
}

// load maps the build list of the go.mod in use, offline.
func (s *Session) load(ctx context.Context) error {
	dir := s.current()
	if dir == "" {
		return nil
	}
	mods, err := buildList(ctx, dir, offline, "-mod=readonly")
	if err != nil {
		return err
	}
	reqs, err := requirements(ctx, dir)
	if err != nil {
		return err
	}
	s.apply(mods, reqs, startBudget())
	return nil
}

// apply makes the modules of a build list importable and describes those
// the go.mod requires. It returns the modules the interpreter has already
// read at another version, which keep it (Tree.set).
func (s *Session) apply(mods []listed, reqs []requirement, b *budget) (kept []string) {
	required := map[string]bool{}
	for _, r := range reqs {
		required[r.Path] = true
	}
	dirs := map[string]string{}
	cacheable := map[string]bool{}
	versions := map[string]string{}
	missing := map[string]string{}
	for i := range mods {
		m := &mods[i]
		if m.Main {
			continue // the folder's own packages are not imported from source
		}
		versions[m.Path] = m.Version
		if d := m.dir(); d != "" {
			dirs[m.Path] = d
			cacheable[m.Path] = m.Version != "" && (m.Replace == nil || m.Replace.Version != "")
		} else if required[m.Path] {
			missing[m.Path] = m.Version
		}
	}
	kept = s.tree.set(dirs)
	// Direct requirements first: in a Go project's folder they matter
	// most (in a notebook's go.mod every requirement is indirect, as the
	// folder has no package importing it).
	pkgs := map[string][]outcome.Package{}
	sort.SliceStable(reqs, func(i, j int) bool { return !reqs[i].Indirect && reqs[j].Indirect })
	for _, r := range reqs {
		if d := dirs[r.Path]; d != "" {
			pkgs[r.Path] = describeCached(r.Path, versions[r.Path], d, cacheable[r.Path], b)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range kept {
		versions[m] = s.versions[m]
	}
	s.versions, s.missing, s.pkgs, s.problem = versions, missing, pkgs, ""
	return kept
}

// ImportHint explains a failed import of p (engine.Sources): a module not
// added, not downloaded, a package that cannot be interpreted, or an
// import that failed before in this worker.
func (s *Session) ImportHint(p, msg string) string {
	if isStd(p) {
		if !compiledIn()[p] {
			return "the interpreter does not provide package " + p
		}
		return ""
	}
	if compiledIn()[p] {
		return ""
	}
	if strings.Contains(msg, "import cycle not allowed") {
		return "an earlier import of " + p + " failed in this session, and the interpreter does not retry a failed import: restart the kernel to import it again"
	}
	m, _, ok := s.tree.lookup(p)
	if !ok {
		s.mu.Lock()
		defer s.mu.Unlock()
		for mp, v := range s.missing {
			if p == mp || strings.HasPrefix(p, mp+"/") {
				return fmt.Sprintf("%s %s is required by go.mod but not in the module cache: %%go get %s@%s downloads it", mp, v, mp, v)
			}
		}
		for mp, why := range s.refused {
			if p == mp || strings.HasPrefix(p, mp+"/") {
				return "%go get refused " + mp + ", which cannot be interpreted: " + why
			}
		}
		if s.problem != "" {
			return "the modules of go.mod could not be listed: " + s.problem
		}
		return "it is not in the standard library, the bundled modules or this folder's go.mod: %go get " + p + " adds its module"
	}
	c, err := newChecker(context.Background(), s.tree, false)
	if err != nil {
		return ""
	}
	if c.reason(p) == "" {
		return ""
	}
	var lines []string
	for _, pr := range c.problems(map[string]bool{m: true}) {
		lines = append(lines, pr.String())
	}
	return "cannot be interpreted: " + strings.Join(lines, "; ")
}

// Get is `%go get ARGS`: `go get ARGS` in the folder's go.mod (created if
// missing), then every package of the modules named is checked in a
// scratch interpreter and made importable. What the go command prints
// goes to stderr as it comes; what the kernel says, to stdout (problems to
// stderr). A module none of whose packages can be interpreted fails the
// cell, and go.mod is left as it was.
func (s *Session) Get(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var named []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			p, _, _ := strings.Cut(a, "@")
			named = append(named, strings.TrimSuffix(p, "/..."))
		}
	}
	if len(named) == 0 {
		return errors.New("usage: %go get MODULE[@VERSION] ... (a module or a package path; no version: the latest)")
	}
	dir, err := s.writeDir(stdout)
	if err != nil {
		return err
	}
	before := save(dir)
	prevTree := s.tree.snapshot()
	undo := func() {
		before.restore()
		s.tree.set(prevTree)
	}
	if !fileExists(filepath.Join(dir, "go.mod")) {
		var errb bytes.Buffer
		if err := goCmd(ctx, dir, nil, &errb, nil, "mod", "init", "notebook"); err != nil {
			undo()
			return cmdError("go mod init", err, errb.String())
		}
		fmt.Fprintf(stdout, "created %s (module notebook): it remembers the modules %%go get adds for the notebooks in this folder\n", filepath.Join(dir, "go.mod"))
	}
	tags := "-tags=" + strings.Join(buildTags, ",")
	if err := goCmd(ctx, dir, stderr, stderr, nil, append([]string{"get", tags}, args...)...); err != nil {
		undo()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("go get %s: %v (go.mod is unchanged)", strings.Join(args, " "), err)
	}
	mods, err := buildList(ctx, dir, nil, "-mod=mod")
	if err != nil {
		undo()
		return err
	}
	targets := map[string]bool{}
	var order []string
	for _, p := range named {
		if m := moduleOf(mods, p); m != "" && !targets[m] {
			targets[m] = true
			order = append(order, m)
		}
	}
	// go get downloads what the named packages import; the other packages
	// of their modules may need more. Their errors are the check's.
	var patterns []string
	for _, m := range order {
		patterns = append(patterns, m+"/...")
	}
	if len(patterns) > 0 {
		err := goCmd(ctx, dir, io.Discard, stderr, nil, append([]string{"list", "-e", "-deps", tags, "-mod=mod", "-f", "{{.ImportPath}}"}, patterns...)...)
		if ctx.Err() != nil {
			undo()
			return ctx.Err()
		}
		if err == nil {
			if mods, err = buildList(ctx, dir, nil, "-mod=mod"); err != nil {
				undo()
				return err
			}
		}
	}
	reqs, err := requirements(ctx, dir)
	if err != nil {
		undo()
		return err
	}
	s.mu.Lock()
	oldVersions := s.versions
	s.mu.Unlock()
	kept := s.apply(mods, reqs, getBudget())

	c, err := newChecker(ctx, s.tree, true)
	if err != nil {
		undo()
		return err
	}
	importable := map[string][]string{}
	failedModules := []string{}
	for _, m := range order {
		_, mdir, _ := s.tree.lookup(m)
		pkgs := packages(m, mdir)
		for _, p := range pkgs {
			if c.reason(p) == "" {
				importable[m] = append(importable[m], p)
			}
		}
		if ctx.Err() != nil {
			undo()
			s.reload()
			return ctx.Err()
		}
		if len(pkgs) > 0 && len(importable[m]) == 0 {
			failedModules = append(failedModules, m)
		}
	}
	problems := c.problems(targets)
	if len(failedModules) > 0 {
		var lines []string
		for _, m := range failedModules {
			lines = append(lines, m+" "+versionOf(mods, m))
			var why []string
			for _, pr := range problems {
				if pm, _, _ := s.tree.lookup(pr.pkg); pm == m || !targets[pm] {
					why = append(why, pr.String())
				}
			}
			s.mu.Lock()
			s.refused[m] = strings.Join(why, "; ")
			s.mu.Unlock()
		}
		undo()
		s.reload()
		msg := strings.Join(lines, ", ") + " cannot be interpreted (go.mod is unchanged):"
		for _, pr := range problems {
			msg += "\n  " + pr.String()
		}
		return errors.New(msg)
	}
	for _, m := range order {
		s.mu.Lock()
		delete(s.refused, m)
		s.mu.Unlock()
		v := versionOf(mods, m)
		switch ps := importable[m]; {
		case len(ps) == 0:
			fmt.Fprintf(stdout, "%s %s: added; it has no package to import\n", m, v)
		case len(ps) > 8:
			fmt.Fprintf(stdout, "%s %s: import %s and %d more packages\n", m, v, strings.Join(quoteAll(ps[:8]), ", "), len(ps)-8)
		default:
			fmt.Fprintf(stdout, "%s %s: import %s\n", m, v, strings.Join(quoteAll(ps), ", "))
		}
	}
	if len(problems) > 0 {
		fmt.Fprintln(stderr, "warning: these packages cannot be interpreted (importing them fails):")
		for _, pr := range problems {
			fmt.Fprintln(stderr, "  "+pr.String())
		}
	}
	for _, m := range kept {
		if nv := versionOf(mods, m); nv != oldVersions[m] {
			fmt.Fprintf(stderr, "%s: this session has already imported %s, and keeps it until the kernel restarts (then %s)\n", m, oldVersions[m], nv)
		}
	}
	if s.OnChange != nil {
		s.OnChange()
	}
	return nil
}

// reload re-reads the go.mod in use after an undone Get, offline.
func (s *Session) reload() {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if err := s.load(ctx); err != nil {
		s.mu.Lock()
		s.problem = err.Error()
		s.mu.Unlock()
	}
}

// writeDir is the directory whose go.mod Get changes: the folder, or the
// folder's fallback when it is not writable (made from a copy of the
// folder's go.mod and go.sum the first time, which Get says on stdout).
func (s *Session) writeDir(stdout io.Writer) (string, error) {
	if s.writable(s.folder) {
		return s.folder, nil
	}
	if !fileExists(filepath.Join(s.fallback, "go.mod")) {
		if err := os.MkdirAll(s.fallback, 0o755); err != nil {
			return "", fmt.Errorf("%s is not writable, nor is %s: %v", s.folder, s.fallback, err)
		}
		for _, f := range []string{"go.mod", "go.sum"} {
			if b, err := os.ReadFile(filepath.Join(s.folder, f)); err == nil {
				if err := os.WriteFile(filepath.Join(s.fallback, f), b, 0o644); err != nil {
					return "", err
				}
			}
		}
		fmt.Fprintf(stdout, "%s is not writable: the modules %%go get adds for it are remembered in %s\n", s.folder, filepath.Join(s.fallback, "go.mod"))
	}
	return s.fallback, nil
}

// fallbackDir is where a folder that is not writable keeps its go.mod: one
// directory per folder, in the user's cache directory.
func fallbackDir(folder string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = filepath.Join(os.TempDir(), fmt.Sprintf("gokernel-%d", os.Getuid()))
	}
	sum := sha256.Sum256([]byte(folder))
	return filepath.Join(base, "gokernel", "modules", hex.EncodeToString(sum[:8]))
}

// writable reports whether the folder's go.mod can be created or changed.
func writable(dir string) bool {
	const wOK = 2
	if syscall.Access(dir, wOK) != nil {
		return false
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		if p := filepath.Join(dir, f); fileExists(p) && syscall.Access(p, wOK) != nil {
			return false
		}
	}
	return true
}

// saved is go.mod and go.sum as they were before Get, to put back.
type saved struct {
	dir   string
	files map[string][]byte // nil: the file did not exist
}

func save(dir string) *saved {
	s := &saved{dir: dir, files: map[string][]byte{}}
	for _, f := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			b = nil
		}
		s.files[f] = b
	}
	return s
}

func (s *saved) restore() {
	for f, b := range s.files {
		p := filepath.Join(s.dir, f)
		if b == nil {
			os.Remove(p)
		} else {
			os.WriteFile(p, b, 0o644)
		}
	}
}

// moduleOf is the module of the build list that provides import path p.
func moduleOf(mods []listed, p string) string {
	best := ""
	for _, m := range mods {
		if !m.Main && (p == m.Path || strings.HasPrefix(p, m.Path+"/")) && len(m.Path) > len(best) {
			best = m.Path
		}
	}
	return best
}

func versionOf(mods []listed, path string) string {
	for _, m := range mods {
		if m.Path == path {
			return m.Version
		}
	}
	return ""
}

func quoteAll(ps []string) []string {
	out := slices.Clone(ps)
	for i, p := range out {
		out[i] = `"` + p + `"`
	}
	return out
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
