package engine

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// outDecls are the declarations the Out cases use, run as the session's
// first cell and compiled into the reference program.
const outDecls = `import (
	"errors"
	"fmt"
	"time"
)

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Vec struct{ DX, DY int } // (with Point's fields, a Vec and a Point in an any would be one reflect type)
type Celsius float64
type Name string
type Tag string

func (t Tag) String() string { return "#" + string(t) }

type Suit int

func (s Suit) String() string { return [...]string{"S", "H", "D", "C"}[s] }

type Card struct {
	Rank int
	Suit Suit
}

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

type Shape interface{ Area() float64 }
type Sq struct{ Side float64 }

func (s Sq) Area() float64 { return s.Side * s.Side }

type Job struct {
	Name    string
	Wait    time.Duration
	wait    time.Duration
	Next    *Job
	private Suit
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Box[T any] struct{ V T }

func (b Box[T]) String() string { return fmt.Sprintf("Box(%v)", b.V) }

type Path []Point

func find(k string) error { return &NotFound{k} }
func two() (Point, error) { return Point{1, 1}, nil }

var p = Point{3, -4}
var shape Shape = Sq{2}
var anyP any = Point{5, 6} // held as the bare struct: found by its reflect type
var none *Point
var sentinel = errors.New("plain")
`

// outCases are trailing expressions whose Out must read as fmt.Println
// prints their value (a string, with no method that formats it, quoted).
var outCases = []string{
	`p`, `&p`, `[]Point{p, {1, 2}}`, `map[string]Point{"b": p, "a": {}}`, `Vec{1, 2}`, `&Vec{3, 4}`,
	`Celsius(21.5)`, `[]Celsius{1, 2.5}`, `Name("bob")`, `Tag("go")`, `[]Tag{"a", "b"}`, `"plain string"`,
	`[]Card{{1, 0}, {7, 1}}`, `Card{12, 3}`, `map[Suit]int{2: 1, 0: 5}`, `[2]Suit{1, 3}`,
	`none`, `find("k")`, `[]error{find("x"), nil, sentinel}`, `sentinel`,
	`shape`, `[]Shape{Sq{1}, Sq{3}}`, `anyP`, `[]any{p, 1, "s", nil, Celsius(2)}`,
	`Job{Name: "build", Wait: 90 * time.Second, wait: time.Second, private: 1}`, `&Job{Name: "x", Next: &Job{}}`,
	`Pair[string, int]{"a", 1}`, `Box[int]{3}`, `Path{p, {0, 0}}`, `struct{ P Point }{p}`,
	`fmt.Sprint(p)`, `len([]Point{p})`, `two()`, `time.Duration(1500) * time.Millisecond`,
}

// TestOutIsPrintln compares each case's Out with what a compiled program
// prints for the same value with fmt.Println.
func TestOutIsPrintln(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a reference program")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		t.Skipf("no go command: %v", err)
	}
	// The reference: one program printing every case, each value as Out
	// shows it: fmt.Println's text, a string quoted, results as a tuple.
	var prog strings.Builder
	prog.WriteString("package main\n\n" + strings.Replace(outDecls, `"errors"`, `"errors"
	"reflect"
	"strconv"
	"strings"`, 1))
	prog.WriteString(`
func show(vals ...any) {
	parts := make([]string, len(vals))
	for i, v := range vals {
		_, formats := v.(fmt.Formatter)
		_, stringer := v.(fmt.Stringer)
		_, isErr := v.(error)
		if v != nil && reflect.TypeOf(v).Kind() == reflect.String && !formats && !stringer && !isErr {
			parts[i] = strconv.Quote(reflect.ValueOf(v).String())
		} else {
			parts[i] = strings.TrimSuffix(fmt.Sprintln(v), "\n")
		}
	}
	if len(parts) == 1 {
		fmt.Println(parts[0] + "\x00")
		return
	}
	fmt.Println("(" + strings.Join(parts, ", ") + ")\x00")
}

func main() {
`)
	for _, c := range outCases {
		fmt.Fprintf(&prog, "\tshow(%s)\n", c)
	}
	prog.WriteString("}\n")
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(prog.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gobin, "run", src)
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GO111MODULE=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("reference program: %v\n%s", err, out)
	}
	want := strings.Split(strings.TrimSuffix(string(out), "\x00\n"), "\x00\n")
	if len(want) != len(outCases) {
		t.Fatalf("reference program printed %d values for %d cases:\n%s", len(want), len(outCases), out)
	}

	s := newSession(t)
	if r := s.e.Execute(context.Background(), outDecls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	for i, c := range outCases {
		r := s.e.Execute(context.Background(), c)
		if r.Err != nil {
			t.Errorf("%s: %v", c, r.Err)
			continue
		}
		got, _ := r.Data["text/plain"].(string)
		if got != want[i] && !pointersDiffer(got, want[i]) {
			t.Errorf("Out of %s:\n got %q\nwant %q", c, got, want[i])
		}
	}
}

// pointersDiffer reports whether two texts differ only in addresses.
func pointersDiffer(a, b string) bool {
	mask := func(s string) string {
		var out strings.Builder
		for i := 0; i < len(s); i++ {
			if strings.HasPrefix(s[i:], "0x") {
				out.WriteString("0x?")
				i += 2
				for i < len(s) && strings.ContainsRune("0123456789abcdef", rune(s[i])) {
					i++
				}
				i--
				continue
			}
			out.WriteByte(s[i])
		}
		return out.String()
	}
	return mask(a) == mask(b)
}

// TestWhoNamesTypes: %who and inspection name a variable's type as the
// cell does (reflect alone says float64 for Celsius) and show its value
// as Out would.
func TestWhoNamesTypes(t *testing.T) {
	s := newSession(t)
	r := s.e.Execute(context.Background(), "import (\"fmt\"; \"log\"; \"time\")\ntype Celsius float64\n"+
		"type Point struct{ X, Y int }\nfunc (p Point) String() string { return fmt.Sprint(\"P\", p.X) }\n"+
		"c := Celsius(3)\nps := []Point{{1, 2}}\nl := log.New(nil, \"\", 0)\nd := map[string]time.Duration{}")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	want := map[string]string{"c": "Celsius", "ps": "[]Point", "l": "*log.Logger", "d": "map[string]time.Duration"}
	for _, v := range s.e.Names() {
		if w, ok := want[v.Name]; ok && v.Type != w {
			t.Errorf("%%who: %s is %s, want %s", v.Name, v.Type, w)
		}
	}
	if got, _ := s.e.Inspect("ps", true); got != "var ps []Point = [P1]" {
		t.Errorf("Inspect(ps) = %q", got)
	}
}

// TestRichAndDisplayValues: a rich trailing value's text/plain, and
// display.JSON of a cell's type, see the session's types.
func TestRichAndDisplayValues(t *testing.T) {
	var shown []outcome.Display
	var mu sync.Mutex
	out, errc := newCapture(t), newCapture(t)
	t.Cleanup(func() { out.w.Close(); errc.w.Close() })
	e, err := New(Options{Stdout: out.w, Stderr: errc.w, Display: func(d outcome.Display) {
		mu.Lock()
		shown = append(shown, d)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := e.Execute(context.Background(), "import \"gokernel/display\"\ntype Suit int\nfunc (s Suit) String() string { return \"S\" }\n"+
		"type Card struct { Rank int; Suit Suit; hidden int }\nfunc (c Card) HTML() string { return \"<b>card</b>\" }\nc := Card{1, 0, 5}\nc")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := r.Data["text/plain"]; got != "{1 S 5}" {
		t.Errorf("rich value's text/plain %q, want {1 S 5}", got)
	}
	if r := e.Execute(context.Background(), "display.JSON(c)"); r.Err != nil {
		t.Fatal(r.Err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(shown) != 1 || shown[0].Data["text/plain"] != "{\n  \"Rank\": 1,\n  \"Suit\": 0\n}" {
		t.Errorf("display.JSON(c) showed %v", shown)
	}
}
