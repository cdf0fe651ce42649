package magic

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/sched"
)

type buf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *buf) Write(p []byte) (int, error) { b.mu.Lock(); defer b.mu.Unlock(); return b.b.Write(p) }
func (b *buf) String() string              { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }
func (b *buf) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.b.String()
	b.b.Reset()
	return s
}

// eventually polls cond until it holds, or fails the test after a deadline
// far beyond any scheduling delay of a loaded machine; last says what was
// seen last.
func eventually(t *testing.T, what string, cond func() bool, last ...func() string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			for _, l := range last {
				what += ": " + l()
			}
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func newRunner(t *testing.T) (*Runner, *buf, *buf) {
	t.Helper()
	out, errb := &buf{}, &buf{}
	tr := sched.NewTracker()
	e, err := engine.New(engine.Options{Stdout: out, Stderr: errb, Tracker: tr})
	if err != nil {
		t.Fatal(err)
	}
	return &Runner{Eng: e, Tracker: tr, Stdout: out, Stderr: errb,
		Doc: func(n string) (string, bool) { return "doc of " + n, n == "fmt.Println" }}, out, errb
}

func TestParse(t *testing.T) {
	tests := []struct {
		code string
		want string // kinds and names
	}{
		{"x := 1\nx", ""},
		{"%time f()", "line:time:f()@0"},
		{"x := 1\n%who\ny := 2", "go@0 line:who:@1 go@2"},
		{"%%time\nx := 1\n%who", "cell:time:@0"},
		{"!echo hi\nx := 1", "shell:echo hi@0 go@1"},
		{"ok := a &&\n!b", ""},                 // a continued expression keeps its ! line
		{"for {\n%time f()\n}", ""},            // inside a block: Go's (a syntax error)
		{"fmt.Println?", "help:fmt.Println@0"}, // ? as IPython
		{"x ? y", ""},
	}
	for _, tt := range tests {
		var parts []string
		for _, p := range parse(tt.code) {
			at := "@" + strconv.Itoa(p.Line)
			switch p.Kind {
			case pieceGo:
				parts = append(parts, "go"+at)
			case pieceLine:
				parts = append(parts, "line:"+p.Name+":"+p.Args+at)
			case pieceCell:
				parts = append(parts, "cell:"+p.Name+":"+p.Args+at)
			case pieceShell:
				parts = append(parts, "shell:"+p.Name+at)
			case pieceHelp:
				parts = append(parts, "help:"+p.Args+at)
			}
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("Parse(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func run(t *testing.T, r *Runner, code string) Result {
	t.Helper()
	res := r.Run(context.Background(), code)
	if res.Err != nil {
		t.Fatalf("%q: %v %v", code, res.Err, res.Err.Traceback)
	}
	return res
}

func TestMixedCellKeepsOrderAndLines(t *testing.T) {
	r, out, _ := newRunner(t)
	res := run(t, r, "import \"fmt\"\nfmt.Println(\"a\")\n%gomaxprocs\nfmt.Println(\"b\")\nx := 41\nx + 1")
	if got := out.take(); got != "a\n"+strconv.Itoa(runtime.GOMAXPROCS(0))+"\nb\n" {
		t.Errorf("output %q", got)
	}
	if res.Data["text/plain"] != "42" {
		t.Errorf("Out = %v", res.Data)
	}
	if strings.Join(res.Vars, ",") != "x" || !strings.Contains(strings.Join(res.Names, ","), "fmt") {
		t.Errorf("Vars %v Names %v", res.Vars, res.Names)
	}
	bad := r.Run(context.Background(), "%who\n\nx := )")
	if bad.Err == nil || !strings.Contains(bad.Err.Value, "cell:3:") {
		t.Errorf("error line: %+v", bad.Err)
	}
}

func TestTime(t *testing.T) {
	r, out, _ := newRunner(t)
	res := run(t, r, `import "sync"
func work() int {
	var wg sync.WaitGroup
	s := make([]int, 0)
	for i := 0; i < 3; i++ { wg.Add(1); go func() { defer wg.Done() }() }
	wg.Wait()
	for i := 0; i < 1000; i++ { s = append(s, i) }
	return len(s)
}
%time work()`)
	got := out.take()
	for _, re := range []string{`CPU times: user \S+ \S+, sys \S+ \S+, total \S+ \S+`, `Wall time: \S+ (s|ms|µs|ns)`,
		`Goroutines started: 3\n`, `Allocations: \d+ \(\d`} {
		if !regexp.MustCompile(re).MatchString(got) {
			t.Errorf("%%time output %q lacks %s", got, re)
		}
	}
	if res.Data["text/plain"] != "1000" {
		t.Errorf("%%time keeps the value: %v", res.Data)
	}
	run(t, r, "%%time\nx := work()\n_ = x")
	if got := out.take(); !strings.Contains(got, "Goroutines started: 3") {
		t.Errorf("%%%%time: %q", got)
	}
}

func TestTimeit(t *testing.T) {
	r, out, _ := newRunner(t)
	run(t, r, "func add(a, b int) int { return a + b }")
	run(t, r, "%timeit add(1, 2)")
	got := out.take()
	m := regexp.MustCompile(`^\S+ (s|ms|µs|ns) ± \S+ (s|ms|µs|ns) per loop \(mean ± std\. dev\. of 7 runs, (\d+) loops? each\)\n$`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("%%timeit: %q", got)
	}
	// A call this cheap needs many loops to fill a run.
	if loops, _ := strconv.Atoi(m[3]); loops < 100 {
		t.Errorf("%%timeit chose %d loops for a trivial call", loops)
	}
	run(t, r, "%timeit 1 + 2") // an expression that is not a call
	if res := r.Run(context.Background(), "%timeit nosuch()"); res.Err == nil || !strings.Contains(res.Err.Value, "undefined: nosuch") {
		t.Errorf("%%timeit error: %+v", res.Err)
	}
	for _, n := range r.Eng.Names() {
		if strings.HasPrefix(n.Name, "_gk") {
			t.Errorf("%%timeit left %s visible", n.Name)
		}
	}
}

func TestEnv(t *testing.T) {
	r, out, _ := newRunner(t)
	t.Setenv("GK_MAGIC_ENV", "")
	run(t, r, "%env GK_MAGIC_ENV=hello world")
	if got := out.take(); got != "env: GK_MAGIC_ENV=hello world\n" {
		t.Errorf("set: %q", got)
	}
	res := run(t, r, "import \"os\"\nos.Getenv(\"GK_MAGIC_ENV\")")
	if res.Data["text/plain"] != `"hello world"` {
		t.Errorf("interpreter sees %v", res.Data)
	}
	run(t, r, "%env GK_MAGIC_ENV")
	if got := out.take(); got != "hello world\n" {
		t.Errorf("get: %q", got)
	}
	run(t, r, "%env")
	if got := out.take(); !strings.Contains(got, "GK_MAGIC_ENV=hello world\n") {
		t.Errorf("list lacks the variable")
	}
	run(t, r, "!echo $GK_MAGIC_ENV")
	if got := out.take(); got != "hello world\n" {
		t.Errorf("shell sees %q", got)
	}
}

func TestWhoGomaxprocsHelpUnknown(t *testing.T) {
	r, out, _ := newRunner(t)
	run(t, r, "%who")
	if got := out.take(); got != "Interactive namespace is empty.\n" {
		t.Errorf("empty who: %q", got)
	}
	run(t, r, "import \"strings\"\ntype P struct{ X int }\nfunc f(n int) string { return \"\" }\np := &P{}\nvar sb strings.Builder\n%who")
	got := out.take()
	for _, re := range []string{`(?m)^f\s+func\s+func\(n int\) string$`, `(?m)^p\s+var\s+\*P$`, `(?m)^sb\s+var\s+strings\.Builder$`, `(?m)^strings\s+package\s+"strings"$`} {
		if !regexp.MustCompile(re).MatchString(got) {
			t.Errorf("%%who %q lacks %s", got, re)
		}
	}
	old := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(old)
	run(t, r, "%gomaxprocs 1")
	if runtime.GOMAXPROCS(0) != 1 || !strings.HasPrefix(out.take(), "GOMAXPROCS: 1 (was ") {
		t.Errorf("%%gomaxprocs 1")
	}
	if res := r.Run(context.Background(), "%gomaxprocs zero"); res.Err == nil || !strings.Contains(res.Err.Value, "positive number") {
		t.Errorf("bad arg: %+v", res.Err)
	}
	run(t, r, "%help")
	if got := out.take(); !strings.Contains(got, "%timeit STMT") || !strings.Contains(got, "%%writefile") || !strings.Contains(got, "!command") {
		t.Errorf("%%help: %q", got)
	}
	for code, want := range map[string]string{
		"%nosuch":        "unknown magic %nosuch (run %help for the list of magics)",
		"%writefile x":   "unknown magic %writefile (%%writefile is a cell magic: put it on the cell's first line)",
		"%%who":          "unknown magic %%who (%who is a line magic: write it with one %)",
		"%reset\nx := 1": "%reset must be the only line of its cell",
	} {
		res := r.Run(context.Background(), code)
		if res.Err == nil || res.Err.Value != want || res.Err.Name != "magic error" {
			t.Errorf("%q: %+v, want %q", code, res.Err, want)
		}
	}
	if res := run(t, r, "%reset"); !res.Reset {
		t.Errorf("%%reset does not ask for a reset")
	}
}

func TestWritefileAndShell(t *testing.T) {
	r, out, errb := newRunner(t)
	dir := t.TempDir()
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	run(t, r, "%%writefile hello.txt\nline 1\nline 2")
	b, _ := os.ReadFile(filepath.Join(dir, "hello.txt"))
	if string(b) != "line 1\nline 2\n" || out.take() != "Writing hello.txt\n" {
		t.Errorf("writefile: %q", b)
	}
	run(t, r, "%%writefile -a hello.txt\nline 3")
	b, _ = os.ReadFile(filepath.Join(dir, "hello.txt"))
	if string(b) != "line 1\nline 2\nline 3\n" || out.take() != "Appending to hello.txt\n" {
		t.Errorf("append: %q", b)
	}
	if res := r.Run(context.Background(), "%%writefile nodir/x.txt\nx"); res.Err == nil || !strings.Contains(res.Err.Value, "no such file") {
		t.Errorf("bad dir: %+v", res.Err)
	}
	run(t, r, "!cat hello.txt | wc -l\n!echo oops >&2; exit 3")
	if got := out.take(); strings.TrimSpace(got) != "3" {
		t.Errorf("shell stdout %q", got)
	}
	if got := errb.take(); got != "oops\nexit status 3\n" {
		t.Errorf("shell stderr %q", got)
	}
}

func TestShellInterrupt(t *testing.T) {
	r, out, _ := newRunner(t)
	cell := r.Tracker.NewCell("c1", 1)
	done := make(chan Result)
	go func() {
		r.Tracker.Enter(cell)
		done <- r.Run(context.Background(), "!echo started; sleep 300; echo never")
	}()
	eventually(t, "the command to start", func() bool { return strings.Contains(out.String(), "started") })
	r.Tracker.Stop(cell)
	select {
	case res := <-done:
		if res.Err == nil || res.Err.Name != "interrupt" {
			t.Errorf("interrupted shell: %+v", res.Err)
		}
	case <-time.After(60 * time.Second): // the command alone would take 300 s
		t.Fatal("the shell command was not stopped")
	}
	if got := out.take(); got != "started\n" {
		t.Errorf("output %q", got)
	}
}

func TestGoroutines(t *testing.T) {
	r, out, _ := newRunner(t)
	cell := r.Tracker.NewCell("c1", 7)
	done := make(chan Result)
	go func() {
		r.Tracker.Enter(cell)
		done <- r.Run(context.Background(), "import \"time\"\nch := make(chan int)\nfor i := 0; i < 3; i++ { go func() { <-ch }() }\n"+
			"go func() { time.Sleep(time.Hour) }()\ngo func() { select {} }()")
	}()
	if res := <-done; res.Err != nil {
		t.Fatal(res.Err)
	}
	cell2 := r.Tracker.NewCell("c2", 8)
	// The front-end makes a receive interruptible with the kernel's Recv,
	// time.Sleep and select {} become the kernel's Sleep and Block, which
	// %goroutines names as Go would.
	parked := regexp.MustCompile(`(?m)^\s+3\s+chan receive\s+In\[7\]\n\s+1\s+select \(no cases\)\s+In\[7\]\n\s+1\s+sleep\s+In\[7\]$`)
	var got string
	eventually(t, "%goroutines to show them parked", func() bool {
		go func() {
			r.Tracker.Enter(cell2)
			done <- r.Run(context.Background(), "%goroutines")
		}()
		<-done
		got = out.take()
		return parked.MatchString(got)
	}, func() string { return got })
	// The cell running %goroutines is one of them.
	if !regexp.MustCompile(`(?ms)\A\d+ goroutines started by your cells \(this cell's included\):\n.*^\s+1\s+running\s+In\[8\]$`).MatchString(got) {
		t.Errorf("%%goroutines: %q", got)
	}
	run(t, r, "close(ch)")
	r.Tracker.Stop(cell)
}

func TestHelpQuery(t *testing.T) {
	r, _, _ := newRunner(t)
	res := run(t, r, "fmt.Println?")
	if len(res.Payload) != 1 || res.Payload[0]["source"] != "page" ||
		res.Payload[0]["data"].(map[string]any)["text/plain"] != "doc of fmt.Println" {
		t.Errorf("payload %v", res.Payload)
	}
	run(t, r, "n := 5")
	res = run(t, r, "n?")
	if res.Payload[0]["data"].(map[string]any)["text/plain"] != "var n int = 5" {
		t.Errorf("user value: %v", res.Payload)
	}
	if res := r.Run(context.Background(), "nosuch?"); res.Err == nil || res.Err.Value != "Object `nosuch` not found." {
		t.Errorf("unknown: %+v", res.Err)
	}
}
