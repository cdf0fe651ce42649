package stdlib

import (
	"fmt"
	"strings"
	"testing"
)

// genericLimits are the ways the generic standard library differs from Go
// under yaegi v0.16.1, each as a program and what yaegi makes of it today
// (a fragment of its output or error). They are the measured basis of the
// deviations the sources' comments and the report list; when yaegi changes,
// the entry that fails says which workaround may go.
var genericLimits = []struct {
	name, why string
	body      string // the body of main; the imports are fixed
	decls     string // declarations of the program's own, before main
	yaegi     string // a fragment of the output, or of the error
}{
	{
		name:  "variadic_none",
		why:   "a call that passes nothing for the variadic parameter crashes yaegi's inference (cmp.Or(x), slices.Concat(a), slices.Insert(s, i))",
		body:  `fmt.Println(cmp.Or("x"))`,
		yaegi: "index out of range [1] with length 1",
	},
	{
		name:  "variadic_none_explicit",
		why:   "with explicit type arguments it works",
		body:  `fmt.Println(cmp.Or[string]("x"), slices.Concat[int]([]int{1}), slices.Insert[int]([]int{2}, 0))`,
		yaegi: "x [1] [2]\n",
	},
	{
		name:  "variadic_spread",
		why:   "Or and Concat take their first value as a parameter of its own: a spread slice does not fit",
		body:  `xs := []int{0, 2}; fmt.Println(cmp.Or(xs[0], xs[1:]...))`,
		yaegi: "2\n",
	},
	{
		name:  "untyped_nil_argument",
		why:   "yaegi cannot infer from an untyped nil: write []int(nil)",
		body:  `fmt.Println(slices.Equal([]int{}, nil))`,
		yaegi: "error: ",
	},
	{
		name:  "untyped_constant_first",
		why:   "the first argument decides the type argument: cmp.Compare(1, x) with x float64 takes T = untyped int",
		body:  `x := 2.5; fmt.Println(cmp.Compare(1, x))`,
		yaegi: "cannot use type float64 as type untyped int",
	},
	{
		name:  "untyped_constant_first_fixed",
		why:   "a float constant, or the typed value first, works",
		body:  `x := 2.5; fmt.Println(cmp.Compare(1.0, x), cmp.Compare(x, 1))`,
		yaegi: "-1 1\n",
	},
	{
		name:  "explicit_instantiation_element_type",
		why:   "explicit type arguments name the element type, not the slice type (Go: slices.Sort[[]int])",
		body:  `s := []int{2, 1}; slices.Sort[int](s); fmt.Println(s)`,
		yaegi: "[1 2]\n",
	},
	{
		name:  "compiled_named_ordered_type",
		why:   "a compiled named type (time.Duration) does not satisfy a type-set constraint such as cmp.Ordered",
		body:  `d := []time.Duration{time.Second, time.Millisecond}; slices.Sort(d); fmt.Println(d)`,
		yaegi: "time.Duration does not implement slices.ordered",
	},
	{
		name:  "compiled_named_ordered_type_func",
		why:   "SortFunc with a comparison of its own works",
		body:  `d := []time.Duration{time.Second, time.Millisecond}; slices.SortFunc(d, func(a, b time.Duration) int { return int(a/time.Millisecond - b/time.Millisecond) }); fmt.Println(d)`,
		yaegi: "[1ms 1s]\n",
	},
	{
		name:  "result_is_unnamed_slice",
		why:   "Clone returns []E, not the named slice type of its argument: its methods are missing",
		body:  `type Path []int; p := Path{1}; c := slices.Clone(p); var q Path; q = c; fmt.Println(len(q))`,
		yaegi: "1\n",
	},
	{
		name:  "typed_var_of_generic_call",
		why:   "yaegi v0.16.1 (also with a generic func of main): var x T = genericCall() can leave x at its zero value; x := ... and var x T; x = ... work",
		body:  `var n = 5; _ = n; var c []int = slices.Clone([]int{1}); fmt.Println(c == nil)`,
		yaegi: "true\n",
	},
	{
		name:  "user_generic_seq_parameter",
		why:   "a generic func of the program's with a parameter of type iter.Seq[V] does not infer V (yaegi binds V to the whole func type); func(yield func(V) bool) does",
		body:  `take := func(seq iter.Seq[int]) {}; _ = take; fmt.Println(first(slices.Values([]int{4})))`,
		yaegi: "cannot use type",
	},
	{
		name:  "seq_conversion",
		why:   "a conversion to an instantiated generic type of a source package fails: iter.Seq[int](f); a typed variable works",
		body:  `f := func(yield func(int) bool) {}; s := iter.Seq[int](f); _ = s`,
		yaegi: "type not found: iter.Seq[int]",
	},
	{
		name:  "compiled_iterator_explicit",
		why:   "a compiled iterator (strings.SplitSeq is wrapped, reflect's are not) needs explicit type arguments",
		body:  `fmt.Println(slices.Collect[string](strings.SplitSeq("a,b", ",")))`,
		yaegi: "[a b]\n",
	},
	{
		name:  "errors_interpreted_unwrap",
		why:   "the Unwrap method of an error type of the program's is not seen once the value is an error (errors.Is, As, Unwrap and AsType alike)",
		body:  `var err error = &wrapper{inner: &notFound{}}; _, ok := errors.AsType[*notFound](err); fmt.Println(ok, errors.Unwrap(err) == nil)`,
		yaegi: "false true\n",
	},
	{
		name:  "errors_wrap_literal",
		why:   "fmt.Errorf(\"%w\", &notFound{}) does not wrap under yaegi (the value is not seen as an error); through an error variable it does",
		body:  `_, ok := errors.AsType[*notFound](fmt.Errorf("x: %w", &notFound{})); var e error = &notFound{}; _, ok2 := errors.AsType[*notFound](fmt.Errorf("x: %w", e)); fmt.Println(ok, ok2)`,
		yaegi: "false true\n",
	},
	{
		name:  "compiled_slice_argument",
		why:   "a slice typed by compiled code (strings.Fields, strings.Split, os.Args), passed to a []E parameter, crashes yaegi's inference",
		body:  `w := strings.Fields("b a"); slices.Sort(w); fmt.Println(w)`,
		yaegi: "invalid memory address or nil pointer dereference",
	},
	{
		name:  "compiled_slice_converted",
		why:   "converted to a slice type, or assigned to a declared variable, it works",
		body:  `w := []string(strings.Fields("b a")); slices.Sort(w); var v []string; v = strings.Split("y,x", ","); slices.Sort(v); fmt.Println(w, v, slices.Contains([]string(strings.Fields("a b")), "b"))`,
		yaegi: "[a b] [x y] true\n",
	},
	{
		name:  "compiled_func_argument",
		why:   "a compiled func as the comparison works (E comes from the slice)",
		body:  `w := []string{"b", "a"}; slices.SortFunc(w, strings.Compare); fmt.Println(w, slices.IndexFunc([]rune("aB"), func(r rune) bool { return r == 'B' }))`,
		yaegi: "[a b] 1\n",
	},
	{
		name:  "method_named_like_the_function_it_calls",
		why:   "a method of a generic type named like the generic function it calls (Set[T].Sorted calling slices.Sorted) gets called instead",
		decls: "type set[T cmp.Ordered] struct{ items map[T]bool }\n\nfunc (s *set[T]) Sorted() []T { return slices.Sorted(maps.Keys(s.items)) }\n",
		body:  `s := &set[int]{items: map[int]bool{2: true, 1: true}}; fmt.Println(s.Sorted())`,
		yaegi: "too many arguments",
	},
	{
		name:  "method_named_otherwise",
		why:   "under another name the same method works, as does a generic function",
		decls: "type set[T cmp.Ordered] struct{ items map[T]bool }\n\nfunc (s *set[T]) keys() []T { return slices.Sorted(maps.Keys(s.items)) }\n",
		body:  `s := &set[int]{items: map[int]bool{2: true, 1: true}}; fmt.Println(s.keys(), setKeys(s.items))`,
		yaegi: "[1 2] [1 2]\n",
	},
	{
		name:  "package_var_of_generic_call",
		why:   "a package-level var initialised by a generic call fails in yaegi's compiler (also with a generic func of main: a panic, \"nil reflect type\")",
		body:  "",
		yaegi: "invalid memory address or nil pointer dereference",
	},
}

// limitsPrelude is shared by the programs; yaegi does not mind the
// imports a program leaves unused.
const limitsPrelude = `package main

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"
)

type notFound struct{}

func (*notFound) Error() string { return "not found" }

type wrapper struct{ inner error }

func (w *wrapper) Error() string { return "wrapped" }
func (w *wrapper) Unwrap() error { return w.inner }

func setKeys[T cmp.Ordered](set map[T]bool) []T {
	return slices.Sorted(maps.Keys(set))
}

func first[V any](seq iter.Seq[V]) V {
	var v V
	seq(func(x V) bool { v = x; return false })
	return v
}
`

func TestGenericLimits(t *testing.T) {
	for _, l := range genericLimits {
		t.Run(l.name, func(t *testing.T) {
			src := limitsPrelude + "\n" + l.decls + "\nfunc main() {\n\t" + l.body + "\n}\n"
			if l.name == "package_var_of_generic_call" {
				src = limitsPrelude + "\nvar once = slices.Clone([]int{1})\n\nfunc main() { fmt.Println(once) }\n"
			}
			got := func() (s string) {
				defer func() {
					if r := recover(); r != nil {
						s = fmt.Sprint("panic: ", r)
					}
				}()
				out, err := runYaegi(src, true)
				if err != nil {
					out += "error: " + err.Error()
				}
				return out
			}()
			if !strings.Contains(got, l.yaegi) {
				t.Errorf("%s\nyaegi now gives:\n%s\nwant a fragment %q", l.why, got, l.yaegi)
			}
		})
	}
}
