package typedfmt

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"
	"testing"
	"time"
)

// The differential test: the types below exist twice, compiled here (so
// the real fmt prints their values, methods and all) and as the source in
// userSrc (so the printer sees them as a cell's types, through go/types,
// and calls their methods through registered closures, as it does for
// interpreted code). For every format and value the two must agree, once
// fmt's "typedfmt." is read as the cell's "main.".

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Celsius float64
type Name string
type Suit int

func (s Suit) String() string { return [...]string{"♠", "♥", "♦", "♣"}[s] }

type Card struct {
	Rank int
	Suit Suit
}

type Priv struct {
	a int
	B string
	d time.Duration
	s Suit
	D time.Duration
}

type PS struct{ N int }

func (p *PS) String() string {
	if p == nil {
		return "nil PS"
	}
	return fmt.Sprint("PS", p.N)
}

type Err struct{ Code int }

func (e *Err) Error() string { return fmt.Sprint("code ", e.Code) }

type GS struct{ A int }

func (g GS) GoString() string { return "GS!" }

type F int

func (f F) Format(s fmt.State, c rune) {
	w, wok := s.Width()
	p, pok := s.Precision()
	fmt.Fprintf(s, "F[%c %d %v %d %v %v%v%v]", c, w, wok, p, pok, s.Flag('+'), s.Flag('#'), s.Flag('-'))
}

type Panicky int

func (p Panicky) String() string { panic("boom") }

type VP struct{ N int }

func (v VP) String() string { return fmt.Sprint("VP", v.N) }

type Wrap struct {
	P  Point
	Q  *Point
	E  error
	I  any
	S  []Suit
	M  map[string]Celsius
	pr Point
	N  Name
}

type L []Point
type B []byte

type Emb struct {
	Point
	Z int
}

type Pair[K comparable, V any] struct {
	K K
	V V
}

type Tree struct {
	L, R *Tree
	V    int
}

// ErrLike has an Error method only for the printer (as an interpreted
// type has, for compiled code).
type ErrLike struct{ C int }

const userSrc = `package typedfmt
import ("fmt"; "time")
type Point struct{ X, Y int }
func (p Point) String() string
type Celsius float64
type Name string
type Suit int
func (s Suit) String() string
type Card struct { Rank int; Suit Suit }
type Priv struct { a int; B string; d time.Duration; s Suit; D time.Duration }
type PS struct{ N int }
func (p *PS) String() string
type Err struct{ Code int }
func (e *Err) Error() string
type GS struct{ A int }
func (g GS) GoString() string
type F int
func (f F) Format(s fmt.State, c rune)
type Panicky int
func (p Panicky) String() string
type VP struct{ N int }
func (v VP) String() string
type Wrap struct { P Point; Q *Point; E error; I any; S []Suit; M map[string]Celsius; pr Point; N Name }
type L []Point
type B []byte
type Emb struct { Point; Z int }
type Pair[K comparable, V any] struct { K K; V V }
type Tree struct { L, R *Tree; V int }
type ErrLike struct{ C int }
func (e ErrLike) Error() string
var _ Pair[string, int]
var _ Pair[Point, []Celsius]
`

// userPkg is userSrc checked (once: importing fmt from source is slow).
var userPkg = sync.OnceValues(func() (*types.Package, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "user.go", userSrc, 0)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil), Error: func(error) {}}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	pkg, _ := conf.Check("github.com/gokernel/gokernel/kernel/typedfmt", fset, []*ast.File{f}, info)
	return pkg, nil
})

// testPrinter returns a printer whose session is userSrc, with the
// compiled types' methods registered as closures.
func testPrinter(t *testing.T) (*Printer, *Site, func(string) types.Type) {
	t.Helper()
	pkg, err := userPkg()
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(name string) types.Type {
		if tn, ok := pkg.Scope().Lookup(name).(*types.TypeName); ok {
			return tn.Type()
		}
		return nil
	}
	site := &Site{}
	p := New(Config{Lookup: lookup, UserPath: pkg.Path(), Site: func(int) (Site, bool) { return *site, true }})
	reg := func(name string, zero any, methods ...any) {
		p.RegisterType(name, zero)
		for i := 0; i < len(methods); i += 3 {
			p.RegisterMethod(name, methods[i].(string), methods[i+1].(bool), methods[i+2])
		}
	}
	str := func(f func(any) string) any { return f }
	reg("Point", Point{}, "String", false, str(func(v any) string { return v.(Point).String() }))
	reg("Celsius", Celsius(0))
	reg("Name", Name(""))
	reg("Suit", Suit(0), "String", false, str(func(v any) string { return v.(Suit).String() }))
	reg("Card", Card{})
	reg("Priv", Priv{})
	reg("PS", PS{}, "String", true, str(func(v any) string { return v.(*PS).String() }))
	reg("Err", Err{}, "Error", true, str(func(v any) string { return v.(*Err).Error() }))
	reg("GS", GS{}, "GoString", false, str(func(v any) string { return v.(GS).GoString() }))
	reg("F", F(0), "Format", false, func(v any, s fmt.State, c rune) { v.(F).Format(s, c) })
	reg("Panicky", Panicky(0), "String", false, str(func(v any) string { return v.(Panicky).String() }))
	reg("VP", VP{}, "String", false, str(func(v any) string { return v.(VP).String() }))
	reg("Wrap", Wrap{})
	reg("L", L{})
	reg("B", B{})
	reg("Emb", Emb{}, "String", false, str(func(v any) string { return v.(Emb).String() }))
	reg("Tree", Tree{})
	reg("ErrLike", ErrLike{}, "Error", false, str(func(v any) string { return fmt.Sprint("like ", v.(ErrLike).C) }))
	return p, site, lookup
}

// mainNames reads this package's types as a cell's: a value of Suit in an
// any is, to the printer, a compiled typedfmt.Suit.
func mainNames(s string) string {
	s = strings.ReplaceAll(s, "github.com/gokernel/gokernel/kernel/typedfmt.", "main.")
	return strings.ReplaceAll(s, "typedfmt.", "main.")
}

func TestAgainstFmt(t *testing.T) {
	p, site, lookup := testPrinter(t)
	named := func(name string) types.Type { return lookup(name) }
	ptr := func(t types.Type) types.Type { return types.NewPointer(t) }
	inst := func(args ...types.Type) types.Type {
		g := lookup("Pair").(*types.Named)
		it, err := types.Instantiate(nil, g, args, true)
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	var nilPoint *Point
	var nilPS *PS
	pt := Point{3, -4}
	tree := &Tree{V: 1, L: &Tree{V: 2}}
	values := []struct {
		v  any
		st types.Type
	}{
		{pt, named("Point")},
		{&pt, ptr(named("Point"))},
		{nilPoint, ptr(named("Point"))},
		{[]Point{{1, 2}, {3, 4}}, types.NewSlice(named("Point"))},
		{map[string]Point{"b": {1, 2}, "a": {3, 4}}, types.NewMap(types.Typ[types.String], named("Point"))},
		{Celsius(21.5), named("Celsius")},
		{Name("bob"), named("Name")},
		{Suit(1), named("Suit")},
		{[]Card{{1, 0}, {7, 1}}, types.NewSlice(named("Card"))},
		{Card{10, 3}, named("Card")},
		{Priv{1, "x", time.Second, 2, time.Minute}, named("Priv")},
		{&PS{5}, ptr(named("PS"))},
		{PS{5}, named("PS")},
		{nilPS, ptr(named("PS"))},
		{[]*PS{{1}, nil}, types.NewSlice(ptr(named("PS")))},
		{&Err{404}, ptr(named("Err"))},
		{GS{1}, named("GS")},
		{F(3), named("F")},
		{Panicky(1), named("Panicky")},
		{[]Panicky{1}, types.NewSlice(named("Panicky"))},
		{&VP{2}, ptr(named("VP"))},
		{[]*VP{nil}, types.NewSlice(ptr(named("VP")))},
		{Wrap{P: pt, E: &Err{1}, I: pt, S: []Suit{0, 2}, M: map[string]Celsius{"x": 1.5}, pr: pt, N: "n"}, named("Wrap")},
		{Wrap{}, named("Wrap")},
		{L{{1, 1}}, named("L")},
		{B("hi"), named("B")},
		{Emb{Point{1, 2}, 3}, named("Emb")},
		{[]Emb{{Point{1, 2}, 3}}, types.NewSlice(named("Emb"))},
		{Pair[string, int]{"a", 1}, inst(types.Typ[types.String], types.Typ[types.Int])},
		{Pair[Point, []Celsius]{Point{}, []Celsius{1}}, inst(named("Point"), types.NewSlice(named("Celsius")))},
		{tree, ptr(named("Tree"))},
		{[2]Suit{0, 1}, types.NewArray(named("Suit"), 2)},
		{map[Suit]int{1: 2, 0: 1, 3: 0}, types.NewMap(named("Suit"), types.Typ[types.Int])},
		{[]any{pt, nil, 3, "s", Suit(2)}, types.NewSlice(types.NewInterfaceType(nil, nil))},
		{any(pt), types.NewInterfaceType(nil, nil)},
		{nil, types.NewInterfaceType(nil, nil)},
	}
	formats := []string{
		"%v", "%+v", "%#v", "%T", "%s", "%q", "%x", "%X", "%d", "%6.2f", "%-8s|", "%08b", "%U", "%c",
		"%5v|", "%-5v|", "%t", "%e", "%10.3s|", "%+d", "% x", "%#x", "%o", "%O", "%G", "%w", "%z",
		"%-+#0 v|", "%!", "%", "%[2]v %[1]v", "%v %v", "%[3]v", "%.0v", "%#q",
	}
	fails := 0
	for _, f := range formats {
		for _, val := range values {
			want := mainNames(fmt.Sprintf(f, val.v))
			*site = Site{Args: []types.Type{val.st, val.st, val.st}}
			got := mainNames(p.Sprintf(0, f, []any{val.v}))
			if got != want && fails < 60 {
				fails++
				t.Errorf("Sprintf(%q, %#v as %s):\n got %q\nwant %q", f, val.v, val.st, got, want)
			}
		}
	}
}

// TestDirectivesAgainstFmt runs the format engine (indexes, stars, errors,
// several operands) against fmt, with operands of both kinds.
func TestDirectivesAgainstFmt(t *testing.T) {
	p, site, lookup := testPrinter(t)
	pt := Point{3, -4}
	args := [][]any{{pt, 5, "s"}, {5, pt}, {Suit(1), 3.14159, Name("n")}, {pt}, {}, {7, 8, pt, 9}}
	argTypes := func(a []any) []types.Type {
		var out []types.Type
		for _, x := range a {
			switch x.(type) {
			case Point:
				out = append(out, lookup("Point"))
			case Suit:
				out = append(out, lookup("Suit"))
			case Name:
				out = append(out, lookup("Name"))
			default:
				out = append(out, nil)
			}
		}
		return out
	}
	formats := []string{
		"%[2]*[1]d", "%*d", "%-*d|", "%.*f", "%[1]*d", "%[5]d", "%[0]d", "%[-1]d", "%[x]d", "%[1]", "%d %d %d",
		"%!", "%%", "%3%", "%.3", "%-", "% +d", "%#o", "%#b", "%#U", "%x %X", "%[2]v %v %[1]v", "%[3]*.[2]*[1]f",
		"%v %[1]T", "x%vy%vz", "%[2]d %[1]d", "%.*[2]d", "%[2]2d", "%[2].2d", "%v", "%*v", "%.*v", "%10.*v|",
		"%s %q %v", "%T %T %T %T", "%p", "%6.3v|", "%-10v|%v", "%08.3f", "% d %+d", "%c %U", "%#v %+v",
	}
	for _, f := range formats {
		for _, a := range args {
			*site = Site{Args: argTypes(a)}
			want := mainNames(fmt.Sprintf(f, a...))
			got := mainNames(p.Sprintf(0, f, a))
			if got != want {
				t.Errorf("Sprintf(%q, %#v):\n got %q\nwant %q", f, a, got, want)
			}
		}
	}
	for _, a := range append(args, []any{"a", "b", pt, 1, 2, Name("x"), 3, nil, "c"}) {
		*site = Site{Args: argTypes(a)}
		if got, want := mainNames(p.Sprint(0, a)), mainNames(fmt.Sprint(a...)); got != want {
			t.Errorf("Sprint(%#v) = %q, want %q", a, got, want)
		}
		if got, want := mainNames(p.Sprintln(0, a)), mainNames(fmt.Sprintln(a...)); got != want {
			t.Errorf("Sprintln(%#v) = %q, want %q", a, got, want)
		}
	}
}

// TestErrorfWraps: the error Errorf makes wraps its %w operands as fmt's.
func TestErrorfWraps(t *testing.T) {
	p, site, lookup := testPrinter(t)
	base := errors.New("base")
	pt := Point{1, 2}
	*site = Site{Args: []types.Type{lookup("Point"), nil, nil}}
	err := p.Errorf(0, "at %v: %w (%d%%)", []any{pt, base, 5})
	if got, want := err.Error(), "at (1,2): base (5%)"; got != want {
		t.Errorf("Errorf text %q, want %q", got, want)
	}
	if !errors.Is(err, base) || errors.Unwrap(err) != base {
		t.Errorf("Errorf(%%w) does not wrap: Is %v, Unwrap %v", errors.Is(err, base), errors.Unwrap(err))
	}
	if got, want := fmt.Sprintf("%T", err), fmt.Sprintf("%T", fmt.Errorf("%w", base)); got != want {
		t.Errorf("Errorf's type %s, want %s", got, want)
	}
	two := p.Errorf(0, "%v %w and %w", []any{pt, base, errors.ErrUnsupported})
	if !errors.Is(two, base) || !errors.Is(two, errors.ErrUnsupported) || two.Error() != "(1,2) base and unsupported operation" {
		t.Errorf("two %%w: %q", two)
	}
	plain := p.Errorf(0, "%v no wrap", []any{pt})
	if errors.Unwrap(plain) != nil || plain.Error() != "(1,2) no wrap" {
		t.Errorf("no %%w: %q unwraps to %v", plain, errors.Unwrap(plain))
	}
	// A %w operand of a session type with an Error method.
	*site = Site{Args: []types.Type{lookup("ErrLike")}}
	werr := p.Errorf(0, "wrapped: %w", []any{ErrLike{7}})
	if werr.Error() != "wrapped: like 7" {
		t.Errorf("user %%w text %q", werr)
	}
	inner := errors.Unwrap(werr)
	if ue, ok := inner.(*userError); !ok || ue.IValue != any(ErrLike{7}) || inner.Error() != "like 7" {
		t.Errorf("user %%w unwraps to %#v", inner)
	}
}

// TestMethodPanics: a panic in a method prints as fmt prints it, and a
// value method through a nil pointer as <nil>.
func TestMethodPanics(t *testing.T) {
	p, site, lookup := testPrinter(t)
	var nilVP *VP
	cases := []struct {
		st  types.Type
		v   any
		out string
	}{
		{lookup("Panicky"), Panicky(1), "%!v(PANIC=String method: boom)"},
		{types.NewPointer(lookup("VP")), nilVP, "<nil>"},
		{types.NewSlice(lookup("Panicky")), []Panicky{1, 2}, "[%!v(PANIC=String method: boom) %!v(PANIC=String method: boom)]"},
	}
	for _, c := range cases {
		*site = Site{Args: []types.Type{c.st}}
		if got := p.Sprint(0, []any{c.v}); got != c.out {
			t.Errorf("Sprint(%#v) = %q, want %q", c.v, got, c.out)
		}
		if want := fmt.Sprint(c.v); want != c.out {
			t.Errorf("the test is wrong: fmt.Sprint(%#v) = %q", c.v, want)
		}
	}
	rethrown := New(Config{Lookup: lookup, UserPath: lookup("Panicky").(*types.Named).Obj().Pkg().Path(), Rethrow: func(r any) bool { return r == "boom" },
		Site: func(int) (Site, bool) { return Site{Args: []types.Type{lookup("Panicky")}}, true }})
	rethrown.RegisterType("Panicky", Panicky(0))
	rethrown.RegisterMethod("Panicky", "String", false, func(v any) string { return v.(Panicky).String() })
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("Rethrow: recovered %v, want boom", r)
			}
		}()
		rethrown.Sprint(0, []any{Panicky(1)})
		t.Error("Rethrow: the panic was swallowed")
	}()
}
