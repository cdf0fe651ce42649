package stdlib

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// TestGenericAgainstGo runs every program of genericPrograms under yaegi
// with the generic sources and compares its output with the Go
// toolchain's.
//
//	go test ./kernel/stdlib -run TestGenericAgainstGo -v
func TestGenericAgainstGo(t *testing.T) {
	want := runGo(t, genericPrograms)
	compare(t, genericPrograms, want)
}

// Every package of generic/ loads alone, into a fresh interpreter, and
// declares what Generic says it does.
func TestLoadEachPackage(t *testing.T) {
	pkgs := Generic()
	var paths []string
	for _, p := range pkgs {
		paths = append(paths, p.Path)
	}
	wantPaths := []string{"bytes", "cmp", "errors", "iter", "maps", "slices", "strings", "sync", "sync/atomic"}
	if !slices.Equal(paths, wantPaths) {
		t.Fatalf("Generic() = %v, want %v", paths, wantPaths)
	}
	for _, p := range pkgs {
		t.Run(p.Path, func(t *testing.T) {
			in := interp.New(interp.Options{})
			if err := in.Use(Symbols()); err != nil {
				t.Fatal(err)
			}
			l, err := NewLoader(in)
			if err != nil {
				t.Fatal(err)
			}
			if l.Loaded(p.Path) {
				t.Fatal("loaded before Load")
			}
			if err := l.Load(p.Path); err != nil {
				t.Fatal(err)
			}
			if !l.Loaded(p.Path) {
				t.Fatal("not loaded after Load")
			}
			if err := l.Load(p.Path); err != nil { // a second time: nothing happens
				t.Fatal(err)
			}
			if len(p.Names) == 0 {
				t.Error("no exported names")
			}
		})
	}
}

func TestGenericNames(t *testing.T) {
	names := map[string][]string{}
	for _, p := range Generic() {
		names[p.Path] = p.Names
	}
	for path, want := range map[string][]string{
		"slices":      {"All", "AppendSeq", "Backward", "BinarySearch", "BinarySearchFunc", "Chunk", "Clip", "Clone", "Collect", "Compact", "CompactFunc", "Compare", "CompareFunc", "Concat", "Contains", "ContainsFunc", "Delete", "DeleteFunc", "Equal", "EqualFunc", "Grow", "Index", "IndexFunc", "Insert", "IsSorted", "IsSortedFunc", "Max", "MaxFunc", "Min", "MinFunc", "Repeat", "Replace", "Reverse", "Sort", "SortFunc", "SortStableFunc", "Sorted", "SortedFunc", "SortedStableFunc", "Values"},
		"maps":        {"All", "Clone", "Collect", "Copy", "DeleteFunc", "Equal", "EqualFunc", "Insert", "Keys", "Values"},
		"cmp":         {"Compare", "Less", "Or", "Ordered"},
		"iter":        {"Pull", "Pull2", "Seq", "Seq2"},
		"errors":      {"AsType"},
		"sync":        {"OnceValue", "OnceValues"},
		"sync/atomic": {"Pointer"},
		"strings":     {"FieldsFuncSeq", "FieldsSeq", "Lines", "SplitAfterSeq", "SplitSeq"},
		"bytes":       {"FieldsFuncSeq", "FieldsSeq", "Lines", "SplitAfterSeq", "SplitSeq"},
	} {
		if !slices.Equal(names[path], want) {
			t.Errorf("%s declares %v, want %v", path, names[path], want)
		}
	}
}

func TestLoadIgnoresOtherPaths(t *testing.T) {
	in := interp.New(interp.Options{})
	if err := in.Use(Symbols()); err != nil {
		t.Fatal(err)
	}
	l, err := NewLoader(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Load("fmt", "strings", "no/such/package", "gokernel/display"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"fmt", "no/such/package"} {
		if l.Loaded(p) {
			t.Errorf("%s: Loaded is true for a path without a generic source", p)
		}
	}
}

// A package compiled after the first cell must not disturb the cells'
// variables: yaegi v0.16.1 gives the package-level variables of a package
// compiled later the frame slots later cells' variables get too (a cell's
// `var d = "four"` once landed in the slot of an alias of errors.As). The
// sources therefore declare no package-level variable (see
// TestGenericSourceRules).
func TestLoadKeepsCellVariables(t *testing.T) {
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out})
	if err := in.Use(Symbols()); err != nil {
		t.Fatal(err)
	}
	eval := func(src string) {
		t.Helper()
		if _, err := in.Eval(src); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
	}
	eval(`import "fmt"`)
	eval(`var a, b, c = 1, "two", 3.0`)
	l, err := NewLoader(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Load("errors"); err != nil {
		t.Fatal(err)
	}
	eval(`var d = "four"`)
	eval(`import "errors"`)
	eval(`fmt.Println(a, b, c, d, errors.New("x"), errors.ErrUnsupported)`)
	if err := l.Load("sync", "sync/atomic", "iter", "slices", "maps", "cmp", "strings", "bytes"); err != nil {
		t.Fatal(err)
	}
	eval(`var e = 5`) // not var e, f = 5, ...: plain yaegi v0.16.1 loses e
	eval(`var f = []string{"six"}`)
	eval(`import "sync"`)
	eval(`import "sync/atomic"`)
	eval(`import "slices"`)
	eval(`func show() {
	var p atomic.Pointer[int]
	p.Store(&e)
	g := sync.OnceValue(func() int { return 7 })
	var n atomic.Int64
	n.Add(3)
	fmt.Println(a, b, c, d, e, f, g(), *p.Load(), n.Load(), slices.Index(f, "six"))
}`)
	eval(`show()`)
	want := "1 two 3 four x unsupported operation\n1 two 3 four 5 [six] 7 5 3 0\n"
	if out.String() != want {
		t.Errorf("got\n%swant\n%s", out.String(), want)
	}
}

// Compiling sync, errors, sync/atomic, strings and bytes hides yaegi's
// compiled packages behind source packages that dot-import them. The
// corpus programs that use them must print the same with the generic sources
// loaded as without (whatever the plain interpreter makes of them: the
// engine's rewrites do not run here, and a panic in a goroutine ends the
// process, so each run is a child process: TestHelperYaegi).
func TestShadowedPackagesUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 2 child processes per corpus program")
	}
	files, _ := filepath.Glob("../engine/testdata/corpus/*.go")
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(importsOf(string(src)), func(p string) bool {
			return p == "sync" || p == "sync/atomic" || p == "errors" || p == "strings" || p == "bytes"
		}) {
			continue
		}
		if usesGenericNames(string(src)) {
			continue // it needs the sources: nothing to compare with
		}
		if strings.HasPrefix(filepath.Base(f), "deadlock_") {
			// The plain interpreter has no deadlock watch: the program
			// waits until runHelper's timeout, three times (90 s each).
			continue
		}
		n++
		t.Run(strings.TrimSuffix(filepath.Base(f), ".go"), func(t *testing.T) {
			without := runHelper(t, f, false)
			if again := runHelper(t, f, false); again != without {
				t.Skip("the plain interpreter's output varies from run to run (the engine's rewrites make it deterministic)")
			}
			with := runHelper(t, f, true)
			if strings.Contains(string(src), "// corpus: unordered") {
				without, with = sortedLines(without), sortedLines(with)
			}
			if with != without {
				t.Errorf("with the generic sources:\n%s\nwithout:\n%s", with, without)
			}
		})
	}
	if n < 20 {
		t.Errorf("only %d corpus programs use sync, sync/atomic, errors, strings or bytes", n)
	}
}

// usesGenericNames reports whether src names a member the generic sources
// add (slices.Sort, errors.AsType, ...); the strings and bytes wrappers
// replace compiled functions and do not count.
func usesGenericNames(src string) bool {
	for _, p := range Generic() {
		if p.Path == "strings" || p.Path == "bytes" {
			continue
		}
		qual := p.Path[strings.LastIndex(p.Path, "/")+1:]
		for _, name := range p.Names {
			if strings.Contains(src, qual+"."+name) {
				return true
			}
		}
	}
	return false
}

// runHelper runs the program in file under yaegi in a child process and
// returns its output and how it ended.
func runHelper(t *testing.T, file string, generic bool) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperYaegi$")
	// One P: the goroutines of the programs that race without the engine's
	// rewrites (a loop variable shared by goroutines) run in the same order
	// in every run.
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "GK_HELPER_PROG="+file, "GK_HELPER_OUT="+out, "GK_HELPER_GENERIC="+strconv.FormatBool(generic))
	status := "ok"
	if err := cmd.Run(); err != nil {
		status = "child process: " + err.Error()
	}
	b, _ := os.ReadFile(out)
	return string(b) + "\n[" + status + "]\n"
}

// TestHelperYaegi is the child process of runHelper; it does nothing in a
// normal run.
func TestHelperYaegi(t *testing.T) {
	file := os.Getenv("GK_HELPER_PROG")
	if file == "" {
		t.Skip("helper process of TestShadowedPackagesUnchanged")
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := runYaegi(string(src), os.Getenv("GK_HELPER_GENERIC") == "true")
	if err != nil {
		stdout += "[error: " + err.Error() + "]"
	}
	if err := os.WriteFile(os.Getenv("GK_HELPER_OUT"), []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGenericSourceRules checks the sources for what compiles as Go but
// yaegi v0.16.1 gets wrong (see generic.go): each rule names the failure
// it prevents.
func TestGenericSourceRules(t *testing.T) {
	err := fs.WalkDir(genericFS, "generic", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		fset := token.NewFileSet()
		var files []*ast.File
		entries, _ := fs.ReadDir(genericFS, p)
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			src, _ := fs.ReadFile(genericFS, path.Join(p, e.Name()))
			f, err := parser.ParseFile(fset, path.Join(p, e.Name()), src, 0)
			if err != nil {
				return err
			}
			files = append(files, f)
		}
		for _, v := range checkRules(fset, files) {
			t.Error(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The rules catch what they say they catch.
func TestGenericSourceRulesCatch(t *testing.T) {
	const bad = `package bad

import "cmp"

var cache = map[string]int{}

type Box[T any] struct {
	n Named
	v *T
}

type Named int

func Clear[E any](s []E, n int) {
	clear(s)
	_ = min(n, 1)
	for i := range n {
		_ = i
	}
	Clear(s, n-1)
}

func Pair[E any](a, b []E) {}

func Reverse[S ~[]E, E any](s S) {}

func Or[T comparable](vals ...T) T { var z T; return z }

func Swapped[K comparable, V any](m map[V]K) {}

func Collect[E any](seq Seq[E]) {}

type Seq[E any] func(func(E) bool)

func Each(seq func(func(int) bool)) {
	for v := range seq {
		_ = v
	}
}

func Value[E any](s []E) { f := Value[E]; _ = f }

func Recover() {
	var ok bool
	var p any
	defer func() { ok, p = true, recover() }()
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "bad.go", bad, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(checkRules(fset, []*ast.File{f}), "\n")
	for _, want := range []string{
		`imports "cmp"`,
		"a package-level variable",
		"Box: a field of the named type Named",
		"the clear builtin",
		"the min builtin",
		"range over an integer",
		"Clear calls itself",
		"Pair: grouped parameters",
		"Reverse: type parameter E cannot be inferred",
		"Or: type parameter T cannot be inferred",
		"Swapped: yaegi infers [K V] by position from the parameters [V K]",
		"Collect: a parameter of an instantiated generic type",
		"range over a function",
		"Value[...] as a value",
		"a tuple assignment to an interface-typed variable",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no violation %q in:\n%s", want, got)
		}
	}
}

// checkRules returns the violations of the rules in one package's files.
func checkRules(fset *token.FileSet, files []*ast.File) []string {
	var violations []string
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{
		// The rules need the types of locals, parameters and builtins, not
		// of imported packages: an import is an empty package, and the
		// errors that makes are ignored.
		Importer: emptyImporter{},
		Error:    func(error) {},
	}
	conf.Check("generic", fset, files, info)
	bad := func(n ast.Node, format string, args ...any) {
		violations = append(violations, fmt.Sprintf("%s: "+format, append([]any{fset.Position(n.Pos())}, args...)...))
	}
	for _, f := range files {
		for _, im := range f.Imports {
			if im.Path.Value == `"cmp"` {
				bad(im, `imports "cmp": yaegi's cmp is an empty compiled package here, and in package slices a second import fails ("cmp/_.go redeclared in this block")`)
			}
		}
		for _, decl := range f.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				bad(gd, "a package-level variable: its frame slot is shared with variables of cells compiled after it")
			}
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
				for _, s := range gd.Specs {
					checkGenericStruct(s.(*ast.TypeSpec), bad)
				}
			}
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fd.Recv == nil && fd.Type.TypeParams != nil {
				checkGenericSignature(fd, bad)
			}
			calledFuns := map[ast.Expr]bool{}
			ast.Inspect(fd, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.IndexExpr, *ast.IndexListExpr:
					x := n.(ast.Expr)
					var base ast.Expr
					if ix, ok := x.(*ast.IndexExpr); ok {
						base = ix.X
					} else {
						base = x.(*ast.IndexListExpr).X
					}
					if id, ok := base.(*ast.Ident); ok && !calledFuns[x] {
						if fn, ok := info.Uses[id].(*types.Func); ok && fn.Type().(*types.Signature).TypeParams() != nil {
							bad(n, "%s[...] as a value: yaegi v0.16.1 gives it the generic type (wrap it in a func literal)", id.Name)
						}
					}
				case *ast.AssignStmt:
					if n.Tok == token.ASSIGN && len(n.Lhs) > 1 {
						for _, l := range n.Lhs {
							tv, ok := info.Types[l]
							if _, typeParam := tv.Type.(*types.TypeParam); ok && !typeParam && types.IsInterface(tv.Type) {
								bad(n, "a tuple assignment to an interface-typed variable: yaegi v0.16.1 fails on a recovered value there (\"not assignable to type interp.valueInterface\")")
								break
							}
						}
					}
				case *ast.CallExpr:
					calledFuns[ast.Unparen(n.Fun)] = true
					fun := ast.Unparen(n.Fun)
					if ix, ok := fun.(*ast.IndexExpr); ok {
						fun = ix.X
					}
					if id, ok := fun.(*ast.Ident); ok {
						if _, builtin := info.Uses[id].(*types.Builtin); builtin && (id.Name == "min" || id.Name == "max" || id.Name == "clear") {
							bad(n, "the %s builtin, which yaegi v0.16.1 lacks", id.Name)
						}
						if fd.Type.TypeParams != nil && fd.Recv == nil && id.Name == fd.Name.Name {
							bad(n, "%s calls itself: yaegi v0.16.1 cannot compile a recursive generic function", id.Name)
						}
					}
				case *ast.RangeStmt:
					if tv, ok := info.Types[n.X]; ok && tv.Type != nil {
						switch u := tv.Type.Underlying().(type) {
						case *types.Basic:
							if u.Info()&types.IsInteger != 0 {
								bad(n, "range over an integer, which yaegi v0.16.1 lacks")
							}
						case *types.Signature:
							bad(n, "range over a function, which yaegi v0.16.1 lacks")
						}
					}
				}
				return true
			})
		}
	}
	return violations
}

// checkGenericSignature: yaegi v0.16.1 infers a generic function's type
// arguments by position, from the parameter types read left to right, one
// parameter group per argument, nothing from a variadic parameter or from
// a type parameter's constraint.
func checkGenericSignature(fd *ast.FuncDecl, bad func(ast.Node, string, ...any)) {
	var tparams []string
	for _, f := range fd.Type.TypeParams.List {
		for _, n := range f.Names {
			tparams = append(tparams, n.Name)
		}
	}
	isParam := func(name string) bool { return slices.Contains(tparams, name) }
	var order []string
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.Ident:
			if isParam(e.Name) {
				order = append(order, e.Name)
			}
		case *ast.StarExpr:
			walk(e.X)
		case *ast.ArrayType:
			walk(e.Elt)
		case *ast.ChanType:
			walk(e.Value)
		case *ast.MapType:
			walk(e.Key)
			walk(e.Value)
		case *ast.FuncType:
			for _, p := range e.Params.List {
				for range max(1, len(p.Names)) {
					walk(p.Type)
				}
			}
			if e.Results != nil {
				for _, r := range e.Results.List {
					for range max(1, len(r.Names)) {
						walk(r.Type)
					}
				}
			}
		case *ast.IndexExpr, *ast.IndexListExpr:
			bad(e, "%s: a parameter of an instantiated generic type: yaegi binds the type argument to a func literal's whole type", fd.Name.Name)
		}
	}
	for _, p := range fd.Type.Params.List {
		if len(p.Names) > 1 {
			bad(p, "%s: grouped parameters (%s): yaegi pairs groups, not parameters, with the arguments", fd.Name.Name, p.Names[0].Name)
		}
		if _, variadic := p.Type.(*ast.Ellipsis); variadic {
			continue // nothing is inferred from it
		}
		walk(p.Type)
	}
	if len(order) < len(tparams) {
		// Some type argument cannot be inferred: the function is meant to
		// be called with explicit type arguments (errors.AsType).
		for _, tp := range tparams {
			if !slices.Contains(order, tp) && !explicitOnly[fd.Name.Name] {
				bad(fd, "%s: type parameter %s cannot be inferred by yaegi (only in a constraint, a variadic parameter or a result)", fd.Name.Name, tp)
			}
		}
		return
	}
	if !slices.Equal(order[:len(tparams)], tparams) {
		bad(fd, "%s: yaegi infers %v by position from the parameters %v", fd.Name.Name, tparams, order)
	}
}

type emptyImporter struct{}

func (emptyImporter) Import(path string) (*types.Package, error) {
	p := types.NewPackage(path, path[strings.LastIndex(path, "/")+1:])
	p.MarkComplete()
	return p, nil
}

// explicitOnly are the generic functions Go, too, calls with explicit type
// arguments.
var explicitOnly = map[string]bool{"AsType": true}

// checkGenericStruct: a generic struct type instantiated from another
// package cannot have fields of named types (yaegi v0.16.1: a nil pointer
// dereference in the compiler for an imported type, "incomplete type" for
// a type of the same package).
func checkGenericStruct(ts *ast.TypeSpec, bad func(ast.Node, string, ...any)) {
	st, ok := ts.Type.(*ast.StructType)
	if !ok || ts.TypeParams == nil {
		return
	}
	for _, f := range st.Fields.List {
		ast.Inspect(f.Type, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				bad(n, "%s: a field of the imported type %s.%s", ts.Name.Name, n.X, n.Sel.Name)
				return false
			case *ast.Ident:
				isTypeParam := slices.ContainsFunc(ts.TypeParams.List, func(tp *ast.Field) bool {
					return slices.ContainsFunc(tp.Names, func(id *ast.Ident) bool { return id.Name == n.Name })
				})
				if !isTypeParam && !isPredeclared(n.Name) {
					bad(n, "%s: a field of the named type %s", ts.Name.Name, n.Name)
				}
			}
			return true
		})
	}
}

func isPredeclared(name string) bool {
	return types.Universe.Lookup(name) != nil
}

// BenchmarkLoad measures the compile time of each generic source in a
// fresh interpreter (the interpreter's start-up is not counted):
//
//	go test ./kernel/stdlib -run '^$' -bench Load -benchtime 20x
func BenchmarkLoad(b *testing.B) {
	paths := []string{}
	for _, p := range Generic() {
		paths = append(paths, p.Path)
	}
	for _, p := range append(paths, "all") {
		b.Run(strings.ReplaceAll(p, "/", "_"), func(b *testing.B) {
			load := []string{p}
			if p == "all" {
				load = paths
			}
			for b.Loop() {
				b.StopTimer()
				in := interp.New(interp.Options{})
				if err := in.Use(Symbols()); err != nil {
					b.Fatal(err)
				}
				l, err := NewLoader(in)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := l.Load(load...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Every exported name of the generic sources is used by at least one
// program of genericPrograms.
func TestGenericProgramsCoverEveryName(t *testing.T) {
	var all strings.Builder
	for _, p := range genericPrograms {
		all.WriteString(p.src)
	}
	for _, p := range Generic() {
		qual := p.Path[strings.LastIndex(p.Path, "/")+1:]
		for _, name := range p.Names {
			if !strings.Contains(all.String(), qual+"."+name) {
				t.Errorf("no program uses %s.%s", p.Path, name)
			}
		}
	}
}
