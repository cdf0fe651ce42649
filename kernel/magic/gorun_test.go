package magic

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

func needGo(t *testing.T) {
	t.Helper()
	if _, ok := goTool(); !ok {
		t.Skip("no Go toolchain")
	}
}

// A fragment becomes a program with what it uses of earlier cells, and
// nothing else: an earlier cell that could not be built (it uses the
// notebook's display package) does not get in the way.
func TestRunUsesEarlierCells(t *testing.T) {
	needGo(t)
	r, out, _ := newRunner(t)
	defer r.Close()
	for i, code := range []string{
		"import (\n\t\"fmt\"\n\t\"strings\"\n)\nfunc double(x int) int { return 2 * x }",
		"type P struct{ X int }\nfunc (p P) Get() int { return p.X }\nn := 21\nconst greeting = \"hi\"",
		"import \"gokernel/display\"\nfunc show() { display.HTML(\"<b>x</b>\") }",
		"var calls = strings.Repeat(\"-\", 3)",
	} {
		if res := inCell(r, i+1, code); res.Err != nil {
			t.Fatalf("cell %d: %v", i+1, res.Err.Traceback)
		}
	}
	out.take()
	res := inCell(r, 5, "%%run\nfmt.Println(double(n), P{X: 1}.Get(), greeting, calls)")
	if res.Err != nil {
		t.Fatalf("%%%%run: %v", res.Err.Traceback)
	}
	if got := out.take(); got != "42 1 hi ---\n" {
		t.Errorf("output %q", got)
	}
	prog, err := buildProgram("In[6]", "fmt.Println(double(n))", 2, r.hist)
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"display", "strings", "type P", "greeting"} {
		if strings.Contains(prog.src, absent) {
			t.Errorf("the program has %q, which it does not use:\n%s", absent, prog.src)
		}
	}
}

// Compile errors point at the cell's lines, In[n]:LINE:COL, also in an
// earlier cell's declaration.
func TestRunBuildErrorsAtCellLines(t *testing.T) {
	needGo(t)
	r, _, _ := newRunner(t)
	defer r.Close()
	res := inCell(r, 3, "%%run\nimport \"fmt\"\n\nx := 1\nfmt.Println(\"hi\")")
	if res.Err == nil || res.Err.Value != "In[3]:4:1: declared and not used: x" {
		t.Fatalf("error %+v", res.Err)
	}
	if res := inCell(r, 4, "func f() int { return 1 }"); res.Err != nil {
		t.Fatal(res.Err)
	}
	res = inCell(r, 5, "%%run\nvar s string = f()\n_ = s")
	if res.Err == nil || !strings.HasPrefix(res.Err.Value, "In[5]:2:16: cannot use f()") {
		t.Fatalf("error %+v", res.Err)
	}
}

// A whole program runs as go run runs it, arguments and exit status
// included.
func TestRunWholeProgramExitStatus(t *testing.T) {
	needGo(t)
	r, out, errb := newRunner(t)
	defer r.Close()
	res := inCell(r, 2, "%%run a b\npackage main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfmt.Println(\"bye\", os.Args[1:])\n\tos.Exit(3)\n}")
	if res.Err == nil || res.Err.Name != "exit" || res.Err.Value != "exit status 3" {
		t.Fatalf("error %+v", res.Err)
	}
	if got := out.take(); got != "bye [a b]\n" {
		t.Errorf("stdout %q", got)
	}
	if got := errb.take(); got != "exit status 3\n" {
		t.Errorf("stderr %q", got)
	}
}

// A panic's stack names the cell's lines.
func TestRunPanicAtCellLines(t *testing.T) {
	needGo(t)
	r, _, errb := newRunner(t)
	defer r.Close()
	res := inCell(r, 8, "%%run\nvar m map[string]int\n\nm[\"a\"] = 1")
	if res.Err == nil || res.Err.Value != "exit status 2" {
		t.Fatalf("error %+v", res.Err)
	}
	if got := errb.take(); !strings.Contains(got, "assignment to entry in nil map") || !regexp.MustCompile(`\tIn\[8\]:4 \+0x`).MatchString(got) {
		t.Errorf("stderr %q", got)
	}
}

const racyCounter = `import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup
n := 0
for i := 0; i < 2; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		n++
	}()
}
wg.Wait()
fmt.Println(n > 0)`

// %%race reports a data race in Go's words at the cell's lines; %%run runs
// the same program without the detector.
func TestRaceReportsAtCellLines(t *testing.T) {
	needGo(t)
	r, out, errb := newRunner(t)
	defer r.Close()
	res := inCell(r, 4, "%%race\n"+racyCounter)
	if res.Err == nil || res.Err.Value != "exit status 66" {
		t.Fatalf("error %+v", res.Err)
	}
	got := errb.take()
	if !strings.Contains(got, "WARNING: DATA RACE") || !strings.Contains(got, "In[4]:13 +0x") || strings.Contains(got, "main.go") {
		t.Errorf("stderr %s", got)
	}
	if o := out.take(); o != "true\n" {
		t.Errorf("stdout %q", o)
	}
	if res := inCell(r, 5, "%%run\n"+racyCounter); res.Err != nil {
		t.Fatalf("%%%%run: %v", res.Err)
	}
	if o, e := out.take(), errb.take(); o != "true\n" || e != "" {
		t.Errorf("%%%%run: stdout %q, stderr %q", o, e)
	}
}

func TestRunWithoutToolchain(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("GOROOT", t.TempDir())
	r, _, _ := newRunner(t)
	res := inCell(r, 1, "%%run\nprintln(1)")
	if res.Err == nil || !strings.Contains(res.Err.Value, "%%run needs the Go toolchain") || strings.Contains(res.Err.Value, "\n") {
		t.Fatalf("error %+v", res.Err)
	}
}

// An interrupt kills the program and ends the cell.
func TestRunInterrupt(t *testing.T) {
	needGo(t)
	r, out, _ := newRunner(t)
	defer r.Close()
	c := r.Tracker.NewCell("spin", 9)
	results := make(chan Result, 1)
	go r.Tracker.Run(c, func() {
		results <- r.Run(context.Background(), "%%run\nimport \"fmt\"\nfmt.Println(\"started\")\nfor {\n}")
	})
	eventually(t, "the program to start", func() bool { return strings.Contains(out.String(), "started") }, out.String)
	r.Tracker.Stop(c)
	if res := <-results; res.Err == nil || res.Err.Name != "interrupt" {
		t.Fatalf("error %+v", res.Err)
	}
}

// Modules the kernel was built with are required at the kernel's version.
func TestGoModRequiresKernelVersions(t *testing.T) {
	if len(kernelModules()) == 0 {
		t.Skip("no module versions in the build information (a test binary has none; the kernel's has)")
	}
	mod := goMod([]string{"fmt", "golang.org/x/sync/errgroup", "golang.org/x/sync/semaphore"})
	want := "require golang.org/x/sync " + kernelModules()["golang.org/x/sync"]
	if kernelModules()["golang.org/x/sync"] == "" || strings.Count(mod, "require") != 1 || !strings.Contains(mod, want) {
		t.Errorf("go.mod:\n%s", mod)
	}
}
