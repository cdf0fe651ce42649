package engine

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/frontend"
)

// contractCells make the passes emit every runtime name they can: the
// builtins, goroutines, interrupt, rangefunc and main passes. Each cell also runs, so
// a name that is registered but does not resolve fails too.
var contractCells = []string{
	// builtins: Clear, Print, Println, min, max
	"m := map[int]int{1: 1}\nclear(m)\nprint(\"a\", 1)\nprintln(\"b\", 2)\nmin(3, 1) + max(1, 2)",
	// goroutines: GoCall, GoCallSlice, Go (a builtin)
	"import \"sync\"\nvar wg sync.WaitGroup\nfunc add(xs ...int) { defer wg.Done() }\nwg.Add(3)\ngo add(1, 2)\ngo add([]int{3}...)\ngo func() { add() }()\nch := make(chan int)\ngo close(ch)\n<-ch\nwg.Wait()",
	// interrupt: Poll (for, range), Done and Interrupt (select, send,
	// receive, assignment from a receive), Block (select {})
	"c := make(chan int, 1)\nfor i := 0; i < 2; i++ { c <- i * 2; <-c }\nfor _, v := range []int{1} { _ = v }\nselect { case c <- 1: }\nvar v int\nv = <-c\nfunc never() { select {} }\nv",
	// rangefunc: RangeError (in every loop), RunDefers (a defer in a body)
	"func seq(yield func(int) bool) { yield(1) }\nfor x := range seq { defer println(x) }",
	// main: declared (and run) in one cell, called from the next
	"func main() { println(\"main\") }",
	"main()",
	// values: every print function of fmt, log and *log.Logger given a
	// value of a cell's type, RegisterType and RegisterMethod (the type
	// and its String), Tuple (f() as the arguments), Fmt and Log (print
	// functions as values). Fatal and Panic are compiled, not run.
	"import (\n\t\"fmt\"\n\t\"log\"\n\t\"os\"\n\t\"io\"\n)\ntype V struct{ N int }\nfunc (v V) String() string { return \"v\" }\n" +
		"func pair() (V, error) { return V{2}, nil }\nx := V{1}\n" +
		"fmt.Print(x); fmt.Println(x); fmt.Printf(\"%v\\n\", x); _ = fmt.Sprint(x); _ = fmt.Sprintln(x); _ = fmt.Sprintf(\"%v\", x)\n" +
		"fmt.Fprint(io.Discard, x); fmt.Fprintln(io.Discard, x); fmt.Fprintf(io.Discard, \"%v\", x); _ = fmt.Errorf(\"%v\", x)\n" +
		"_ = fmt.Append(nil, x); _ = fmt.Appendln(nil, x); _ = fmt.Appendf(nil, \"%v\", x); fmt.Println(pair())\n" +
		"log.Print(x); log.Printf(\"%v\", x); log.Println(x)\n" +
		"l := log.New(os.Stderr, \"\", 0)\nl.Print(x); l.Printf(\"%v\", x); l.Println(x)\n" +
		"func never(x V, l *log.Logger) {\n\tlog.Fatal(x); log.Fatalf(\"%v\", x); log.Fatalln(x); log.Panic(x); log.Panicf(\"%v\", x); log.Panicln(x)\n" +
		"\tl.Fatal(x); l.Fatalf(\"%v\", x); l.Fatalln(x); l.Panic(x); l.Panicf(\"%v\", x); l.Panicln(x)\n}\n" +
		"f, g := fmt.Sprint, log.Print\n_, _ = f, g",
	// values: encoding/json's and encoding/xml's encoders and decoders
	// given a value of a cell's type.
	"import (\n\t\"encoding/json\"\n\t\"encoding/xml\"\n\t\"bytes\"\n)\ntype W struct{ N int }\nw := W{1}\nvar buf bytes.Buffer\n" +
		"b, _ := json.Marshal(w); b, _ = json.MarshalIndent(w, \"\", \" \"); json.Unmarshal(b, &w)\n" +
		"json.NewEncoder(&buf).Encode(w); json.NewDecoder(&buf).Decode(&w)\n" +
		"b, _ = xml.Marshal(w); b, _ = xml.MarshalIndent(w, \"\", \" \"); xml.Unmarshal(b, &w)\n" +
		"xml.NewEncoder(&buf).Encode(w); xml.NewDecoder(&buf).Decode(&w)\nw",
	// values: a template executed on a value of a cell's type, and
	// display.JSON of one.
	"import (\n\t\"text/template\"\n\t\"gokernel/display\"\n)\nfunc (w W) Twice() int { return 2 * w.N }\nt := template.Must(template.New(\"t\").Parse(`{{.Twice}}`))\n" +
		"t.Execute(&buf, w); t.ExecuteTemplate(&buf, \"t\", w)\ndisplay.JSON(w)\nbuf.String()",
	// values: an instance of a generic type with String, written with a
	// type parameter (the printer cannot call it: BoundName).
	"type G[T any] struct{ v T }\nfunc (g G[T]) String() string { return \"g\" }\nfunc showG[T any](g G[T]) { fmt.Println(g) }\nshowG(G[int]{1})",
	// bounds: Index, IndexU (unsigned and constant indexes), Slice, Slice3
	"s := []int{1, 2, 3}\ni := 1\nvar u uint = 2\n_ = s[i] + s[u] + s[0]\n_, _, _ = s[i:], s[:u], s[0:i:2]",
}

// TestRuntimeNames checks the contract between the passes and the engine:
// every _gkrt.F a rewritten cell calls is in the interpreter's "gokernel/rt"
// package, and every other kernel name it uses without declaring it is a
// prelude helper or was defined by an earlier cell. The cells are
// contractCells and the corpus programs; together they must emit every
// name package frontend declares, so a new name needs a cell here.
func TestRuntimeNames(t *testing.T) {
	s := newSession(t)
	registered := s.e.in.Symbols(frontend.RuntimePath)[frontend.RuntimePath]
	prelude := map[string]bool{}
	for _, f := range preludeFuncs {
		prelude[f.name] = true
	}
	seen := map[string]bool{}
	check := func(what, code string) {
		c, err := frontend.Parse(code)
		if err == nil {
			err = frontend.Rewrite(c, s.e.env())
		}
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		rt, free := emittedNames(c)
		for _, f := range rt {
			seen[frontend.RuntimePkg+"."+f] = true
			if _, ok := registered[f]; !ok {
				t.Errorf("%s: the rewrite calls %s.%s, which the engine does not register", what, frontend.RuntimePkg, f)
			}
		}
		for _, name := range free {
			seen[name] = true
			if !prelude[name] && !s.e.defined[name] {
				t.Errorf("%s: the rewrite uses %s, which neither the prelude nor an earlier cell defines", what, name)
			}
		}
	}
	for i, code := range contractCells {
		check(fmt.Sprintf("contract cell %d", i), code)
		if r := s.e.Execute(context.Background(), code); r.Err != nil {
			t.Errorf("contract cell %d: %v %q", i, r.Err, r.Err.Traceback)
		}
		s.out.take()
		s.err.take()
	}
	files, _ := filepath.Glob("testdata/corpus/*.go")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(filepath.Base(f), string(src))
	}

	var want []string
	for _, f := range frontend.RuntimeFuncs {
		want = append(want, frontend.RuntimePkg+"."+string(f))
	}
	want = append(want, frontend.PreludeFuncs...)
	want = append(want, frontend.MainName)
	for _, name := range want {
		if !seen[name] {
			t.Errorf("no cell makes a pass emit %s: add one to contractCells", name)
		}
	}
	if t.Failed() {
		var got []string
		for n := range seen {
			got = append(got, n)
		}
		sort.Strings(got)
		t.Logf("emitted: %s", strings.Join(got, " "))
	}
}

// emittedNames are the runtime functions a rewritten cell calls (F of
// _gkrt.F) and the names beginning with frontend.Reserved it uses without
// declaring them (its own temporaries are declared).
func emittedNames(c *frontend.Cell) (rt, free []string) {
	declared := map[string]bool{}
	var used []string
	declare := func(xs ...ast.Expr) {
		for _, x := range xs {
			if id, ok := x.(*ast.Ident); ok {
				declared[id.Name] = true
			}
		}
	}
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && x.Name == frontend.RuntimePkg {
				rt = append(rt, n.Sel.Name)
			} else {
				ast.Inspect(n.X, visit) // Sel is a field or method, not a name
			}
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				declare(n.Lhs...)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				declare(n.Key, n.Value)
			}
		case *ast.ValueSpec:
			for _, nm := range n.Names {
				declare(nm)
			}
		case *ast.Field:
			for _, nm := range n.Names {
				declare(nm)
			}
		case *ast.FuncDecl:
			declare(n.Name)
		case *ast.TypeSpec:
			declare(n.Name)
		case *ast.Ident:
			if strings.HasPrefix(n.Name, frontend.Reserved) {
				used = append(used, n.Name)
			}
		}
		return true
	}
	for _, d := range c.Decls {
		ast.Inspect(d, visit)
	}
	for _, n := range c.Body {
		ast.Inspect(n, visit)
	}
	if c.Show != nil {
		ast.Inspect(c.Show, visit)
	}
	for _, name := range used {
		if !declared[name] {
			free = append(free, name)
		}
	}
	return rt, free
}
