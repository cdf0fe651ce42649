package stdlib

// genericPrograms cover every function of the generic sources with the
// usage of a Go course: user struct types, named slice and map types,
// named element types, funcs passed as arguments. Iterators are called with
// an explicit yield func (the interpreter has no range over func; the
// front-end refuses it). Map iteration order is random in both runs, so
// the programs sort keys or print maps (fmt sorts them).
var genericPrograms = []program{
	{name: "slices_sort_ints_strings_floats", src: `package main

import (
	"fmt"
	"math"
	"slices"
)

type Celsius float64

func main() {
	ints := []int{5, 2, 8, 1, 9, 3, 2}
	slices.Sort(ints)
	fmt.Println(ints, slices.IsSorted(ints))
	words := []string{"pear", "apple", "fig", "banana"}
	slices.Sort(words)
	fmt.Println(words)
	fs := []float64{2.5, math.NaN(), -1, 0, math.Inf(1), math.Inf(-1)}
	slices.Sort(fs)
	fmt.Println(fs, slices.IsSorted(fs))
	temps := []Celsius{21.5, -3, 14}
	slices.Sort(temps)
	fmt.Println(temps, slices.Min(temps), slices.Max(temps))
	var bytes = []byte("hello")
	slices.Sort(bytes)
	fmt.Println(string(bytes))
	u := []uint16{300, 2, 65535}
	slices.Sort(u)
	fmt.Println(u)
	var empty []int
	slices.Sort(empty)
	fmt.Println(empty == nil, slices.IsSorted(empty))
}
`},
	{name: "slices_sort_large", src: `package main

import (
	"fmt"
	"slices"
)

type Item struct {
	Key, Seq int
}

func main() {
	// Above 12 elements Go's sort is no longer an insertion sort; the keys
	// here are distinct, so every correct sort agrees.
	n := 3000
	s := make([]int, n)
	for i := range s {
		s[i] = (i * 7919) % n
	}
	slices.Sort(s)
	fmt.Println(s[:5], s[n-3:], slices.IsSorted(s))
	items := make([]Item, 200)
	for i := range items {
		items[i] = Item{Key: (i * 37) % 200, Seq: i}
	}
	slices.SortFunc(items, func(a, b Item) int { return a.Key - b.Key })
	fmt.Println(items[:3], slices.IsSortedFunc(items, func(a, b Item) int { return a.Key - b.Key }))
	// Stable: equal keys keep their order.
	for i := range items {
		items[i] = Item{Key: i % 3, Seq: i}
	}
	slices.SortStableFunc(items, func(a, b Item) int { return a.Key - b.Key })
	fmt.Println(items[:4], items[67:69], items[199])
}
`},
	{name: "slices_sortfunc_structs", src: `package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Person struct {
	Name string
	Age  int
}

func byAge(a, b Person) int { return cmp.Compare(a.Age, b.Age) }

func main() {
	people := []Person{{"Alice", 30}, {"Bob", 25}, {"Carol", 30}, {"Dan", 20}, {"Eve", 25}}
	slices.SortFunc(people, byAge)
	fmt.Println(people)
	slices.SortFunc(people, func(a, b Person) int {
		return cmp.Or(cmp.Compare(b.Age, a.Age), strings.Compare(a.Name, b.Name))
	})
	fmt.Println(people)
	slices.SortStableFunc(people, func(a, b Person) int { return strings.Compare(a.Name[:1], b.Name[:1]) })
	fmt.Println(people)
	ptrs := []*Person{{"Zed", 40}, {"Amy", 35}}
	slices.SortFunc(ptrs, func(a, b *Person) int { return strings.Compare(a.Name, b.Name) })
	fmt.Println(ptrs[0].Name, ptrs[1].Name)
	fmt.Println(slices.IsSortedFunc(people, byAge))
	oldest := slices.MaxFunc(people, byAge)
	youngest := slices.MinFunc(people, byAge)
	fmt.Println(oldest, youngest)
	words := []string{"Banana", "apple", "Cherry"}
	slices.SortFunc(words, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	fmt.Println(words)
	slices.SortFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	fmt.Println(words)
}
`},
	{name: "slices_search", src: `package main

import (
	"fmt"
	"slices"
	"strings"
)

type Person struct {
	Name string
	Age  int
}

func main() {
	s := []int{10, 20, 30, 40, 50}
	for _, target := range []int{30, 35, 5, 60} {
		i, found := slices.BinarySearch(s, target)
		fmt.Println(target, i, found)
	}
	dup := []int{1, 2, 2, 2, 3}
	fmt.Println(slices.BinarySearch(dup, 2))
	people := []Person{{"Alice", 20}, {"Bob", 25}, {"Carol", 30}}
	i, found := slices.BinarySearchFunc(people, "Bob", func(p Person, name string) int {
		return strings.Compare(p.Name, name)
	})
	fmt.Println(i, found)
	i, found = slices.BinarySearchFunc(people, 27, func(p Person, age int) int { return p.Age - age })
	fmt.Println(i, found)
	fmt.Println(slices.Index(s, 40), slices.Index(s, 41), slices.Contains(s, 10), slices.Contains(s, 11))
	isAdult := func(p Person) bool { return p.Age >= 25 }
	fmt.Println(slices.IndexFunc(people, isAdult), slices.ContainsFunc(people, isAdult))
	fmt.Println(slices.IndexFunc(people, func(p Person) bool { return p.Name == "Zoe" }))
	fmt.Println(slices.Contains([]string{"go", "rust"}, "go"), slices.Index([]Person{{"A", 1}}, Person{"A", 1}))
	var none []string
	fmt.Println(slices.Index(none, "x"), slices.Contains(none, ""))
}
`},
	{name: "slices_equal_compare", src: `package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

type Point struct{ X, Y int }

func main() {
	a := []int{1, 2, 3}
	b := []int{1, 2, 3}
	c := []int{1, 2, 4}
	fmt.Println(slices.Equal(a, b), slices.Equal(a, c), slices.Equal(a, a[:2]))
	// []int(nil), not nil: yaegi v0.16.1 cannot infer from an untyped nil.
	fmt.Println(slices.Equal([]int{}, []int(nil)), slices.Equal([]float64{math.NaN()}, []float64{math.NaN()}))
	fmt.Println(slices.Equal([]Point{{1, 2}}, []Point{{1, 2}}))
	fmt.Println(slices.Compare(a, b), slices.Compare(a, c), slices.Compare(c, a), slices.Compare(a, a[:2]), slices.Compare(a[:1], a))
	fmt.Println(slices.Compare([]string{"a", "b"}, []string{"a", "c"}))
	strs := []string{"1", "2", "3"}
	fmt.Println(slices.EqualFunc(a, strs, func(n int, s string) bool { return strconv.Itoa(n) == s }))
	fmt.Println(slices.EqualFunc([]string{"Go"}, []string{"GO"}, strings.EqualFold))
	fmt.Println(slices.CompareFunc(a, []string{"1", "3"}, func(n int, s string) int {
		m, _ := strconv.Atoi(s)
		return n - m
	}))
}
`},
	{name: "slices_modify", src: `package main

import (
	"fmt"
	"slices"
)

func main() {
	s := []string{"a", "b", "c", "d", "e"}
	s = slices.Delete(s, 1, 3)
	fmt.Println(s, len(s))
	orig := []int{1, 2, 3, 4}
	t := slices.Delete(orig, 1, 2)
	fmt.Println(t, orig) // the tail Delete leaves is zeroed
	s = slices.Insert(s, 1, "x", "y")
	fmt.Println(s)
	s = slices.Insert(s, len(s), "z")
	fmt.Println(s)
	room := make([]int, 3, 10)
	r := slices.Insert(room, 1, 7)
	fmt.Println(r, room, len(r), cap(r))
	grown := slices.Insert([]int{1, 2, 3}, 1, 9, 9, 9)
	fmt.Println(grown, len(grown), cap(grown))
	nums := []int{1, 2, 3, 4, 5, 6}
	evens := slices.DeleteFunc(slices.Clone(nums), func(n int) bool { return n%2 == 1 })
	fmt.Println(evens, nums)
	inPlace := slices.DeleteFunc(nums, func(n int) bool { return n > 3 })
	fmt.Println(inPlace, nums)
	rep := []string{"a", "b", "c", "d"}
	fmt.Println(slices.Replace(rep, 1, 3, "X"), rep)
	rep2 := []string{"a", "b", "c"}
	fmt.Println(slices.Replace(rep2, 0, 1, "1", "2", "3"))
	fmt.Println(slices.Delete([]int{1, 2}, 1, 1))
}
`},
	{name: "slices_clone_compact_reverse", src: `package main

import (
	"fmt"
	"slices"
	"strings"
)

type Scores []int

func (s Scores) Sum() int {
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

func main() {
	s := Scores{3, 1, 2}
	c := slices.Clone(s)
	c[0] = 99
	fmt.Println(s, c, len(c))
	var back Scores
	back = slices.Clone(s)
	fmt.Println(back.Sum())
	fmt.Println(slices.Clone([]int(nil)) == nil, slices.Clone([]int{}) == nil)
	big := slices.Clone([]int{1, 2, 3, 4, 5})
	fmt.Println(len(big), cap(big))
	slices.Reverse(s)
	fmt.Println(s, s.Sum())
	runes := []rune("hello")
	slices.Reverse(runes)
	fmt.Println(string(runes))
	d := []int{1, 1, 2, 3, 3, 3, 1, 4, 4}
	orig := d
	d = slices.Compact(d)
	fmt.Println(d, orig)
	words := []string{"Go", "go", "GO", "Rust", "rust", "Go"}
	words = slices.CompactFunc(words, strings.EqualFold)
	fmt.Println(words)
	sorted := []int{5, 1, 5, 2, 1}
	slices.Sort(sorted)
	fmt.Println(slices.Compact(sorted))
	fmt.Println(slices.Compact([]int{}), slices.Compact([]int{7}))
}
`},
	{name: "slices_concat_repeat_grow_clip", src: `package main

import (
	"fmt"
	"slices"
)

func main() {
	a, b, c := []int{1, 2}, []int{3}, []int{4, 5, 6}
	all := slices.Concat(a, b, c)
	fmt.Println(all, len(all), cap(all))
	fmt.Println(slices.Concat([]string{"x"}, nil), slices.Concat([]int(nil), []int{}) == nil)
	fmt.Println(slices.Repeat([]string{"ab"}, 3), slices.Repeat([]int{1, 2}, 2), len(slices.Repeat([]int{1}, 0)))
	s := []int{1, 2, 3}
	g := slices.Grow(s, 10)
	fmt.Println(g, len(g), cap(g) >= 13)
	g2 := slices.Grow(make([]int, 2, 8), 3)
	fmt.Println(len(g2), cap(g2))
	fmt.Println(cap(slices.Grow([]int{1, 2, 3, 4, 5}, 1)))
	x := make([]int, 2, 10)
	y := slices.Clip(x)
	fmt.Println(len(y), cap(y))
	defer func() { fmt.Println("recovered:", recover()) }()
	slices.Grow(s, -1)
}
`},
	{name: "slices_min_max", src: `package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

type Player struct {
	Name  string
	Score int
}

func main() {
	fmt.Println(slices.Min([]int{4, 2, 8}), slices.Max([]int{4, 2, 8}))
	fmt.Println(slices.Min([]string{"pear", "apple"}), slices.Max([]string{"pear", "apple"}))
	fmt.Println(slices.Max([]float64{1, math.NaN(), 3}), slices.Min([]float64{1, math.NaN(), 3}))
	players := []Player{{"ann", 10}, {"bob", 30}, {"cid", 30}, {"dee", 5}}
	cmpScore := func(a, b Player) int { return a.Score - b.Score }
	fmt.Println(slices.MaxFunc(players, cmpScore), slices.MinFunc(players, cmpScore))
	longest := slices.MaxFunc([]string{"go", "gopher", "gophers!"}, func(a, b string) int { return len(a) - len(b) })
	fmt.Println(longest, strings.ToUpper(longest))
	defer func() { fmt.Println("recovered:", recover()) }()
	slices.Max([]int{})
}
`},
	{name: "slices_min_panics_func", src: `package main

import (
	"fmt"
	"slices"
)

func main() {
	defer func() { fmt.Println("recovered:", recover()) }()
	slices.MinFunc([]int(nil), func(a, b int) int { return a - b })
}
`},
	{name: "slices_iterators", src: `package main

import (
	"fmt"
	"slices"
	"strings"
)

type Task struct {
	ID   int
	Name string
}

func main() {
	names := []string{"ann", "bob", "cid"}
	slices.All(names)(func(i int, n string) bool {
		fmt.Println(i, n)
		return true
	})
	slices.Backward(names)(func(i int, n string) bool {
		fmt.Println("back", i, n)
		return i > 1
	})
	slices.Values(names)(func(n string) bool {
		fmt.Println(strings.ToUpper(n))
		return n != "bob"
	})
	upper := slices.Collect(slices.Values([]string{"x", "y"}))
	fmt.Println(upper, len(upper))
	fmt.Println(slices.Collect(slices.Values([]int{})) == nil)
	tasks := []Task{{3, "c"}, {1, "a"}, {2, "b"}}
	ids := slices.AppendSeq([]int{0}, func(yield func(int) bool) {
		for _, t := range tasks {
			if !yield(t.ID) {
				return
			}
		}
	})
	fmt.Println(ids)
	fmt.Println(slices.Sorted(slices.Values([]int{3, 1, 2})))
	byName := slices.SortedFunc(slices.Values(tasks), func(a, b Task) int { return strings.Compare(a.Name, b.Name) })
	fmt.Println(byName)
	stable := slices.SortedStableFunc(slices.Values([]string{"bb", "a", "cc", "d"}), func(a, b string) int { return len(a) - len(b) })
	fmt.Println(stable)
	slices.Chunk([]int{1, 2, 3, 4, 5, 6, 7}, 3)(func(c []int) bool {
		fmt.Println(c, len(c), cap(c))
		return true
	})
	slices.Chunk(names, 2)(func(c []string) bool {
		fmt.Println(c)
		return false
	})
	defer func() { fmt.Println("recovered:", recover()) }()
	slices.Chunk(names, 0)
}
`},
	{name: "slices_user_iterator", src: `package main

import (
	"fmt"
	"iter"
	"slices"
)

// Countdown is a user's own iterator, of type iter.Seq[int].
func Countdown(from int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := from; i >= 0; i-- {
			if !yield(i) {
				return
			}
		}
	}
}

func Fib() func(yield func(int) bool) {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

// Take's parameter is a plain func type: a parameter of type iter.Seq[V]
// does not infer V under yaegi (see TestGenericLimits).
func Take[V any](seq func(yield func(V) bool), n int) iter.Seq[V] {
	return func(yield func(V) bool) {
		if n <= 0 {
			return
		}
		i := 0
		seq(func(v V) bool {
			if !yield(v) {
				return false
			}
			i++
			return i < n
		})
	}
}

func main() {
	fmt.Println(slices.Collect(Countdown(3)))
	fmt.Println(slices.Sorted(Countdown(4)))
	fmt.Println(slices.Collect(Take(Fib(), 10)))
	// Not var seq iter.Seq[int] = ...: see TestGenericLimits.
	var seq iter.Seq[int]
	seq = slices.Values([]int{7, 8})
	seq(func(v int) bool { fmt.Println("seq", v); return true })
	fmt.Println(slices.Collect(seq))
	pairs := slices.All([]string{"a", "b"})
	var seq2 iter.Seq2[int, string]
	seq2 = pairs
	seq2(func(i int, s string) bool { fmt.Println(i, s); return true })
}
`},
	{name: "maps_basics", src: `package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Inventory map[string]int

func main() {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys, slices.Sorted(maps.Values(m)))
	c := maps.Clone(m)
	c["d"] = 4
	fmt.Println(m, c, maps.Equal(m, c))
	delete(c, "d")
	fmt.Println(maps.Equal(m, c))
	inv := Inventory{"apple": 5, "pear": 0, "fig": 2}
	var inv2 Inventory
	inv2 = maps.Clone(inv)
	maps.DeleteFunc(inv2, func(k string, n int) bool { return n == 0 })
	fmt.Println(inv, inv2, len(inv2))
	dst := map[string]int{"z": 26, "a": 100}
	maps.Copy(dst, m)
	fmt.Println(dst)
	var nilMap map[string]int
	fmt.Println(maps.Clone(nilMap) == nil, maps.Equal(nilMap, map[string]int{}))
	upper := maps.EqualFunc(map[int]string{1: "a"}, map[int]string{1: "A"}, func(x, y string) bool {
		return strings.EqualFold(x, y)
	})
	fmt.Println(upper)
	fmt.Println(maps.EqualFunc(m, map[string]float64{"a": 1, "b": 2, "c": 3}, func(i int, f float64) bool { return float64(i) == f }))
}
`},
	{name: "maps_iterators", src: `package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Employee struct {
	Name string
	Dept string
}

func main() {
	ages := map[string]int{"ann": 31, "bob": 25}
	var lines []string
	maps.All(ages)(func(name string, age int) bool {
		lines = append(lines, fmt.Sprint(name, "=", age))
		return true
	})
	slices.Sort(lines)
	fmt.Println(strings.Join(lines, ", "))
	n := 0
	maps.Keys(ages)(func(string) bool { n++; return false })
	fmt.Println("stopped after", n)
	index := maps.Collect(slices.All([]string{"zero", "one", "two"}))
	fmt.Println(index)
	staff := []Employee{{"ann", "eng"}, {"bob", "ops"}, {"cid", "eng"}}
	byName := map[string]Employee{}
	maps.Insert(byName, func(yield func(string, Employee) bool) {
		for _, e := range staff {
			if !yield(e.Name, e) {
				return
			}
		}
	})
	fmt.Println(len(byName), byName["cid"].Dept)
	total := 0
	maps.Values(ages)(func(a int) bool { total += a; return true })
	fmt.Println(total)
	copyOf := maps.Collect(maps.All(ages))
	fmt.Println(maps.Equal(copyOf, ages))
	depts := map[string][]string{}
	for _, e := range staff {
		depts[e.Dept] = append(depts[e.Dept], e.Name)
	}
	for _, d := range slices.Sorted(maps.Keys(depts)) {
		fmt.Println(d, depts[d])
	}
}
`},
	{name: "cmp_package", src: `package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

type Version struct {
	Major, Minor, Patch int
}

func compareVersions(a, b Version) int {
	return cmp.Or(
		cmp.Compare(a.Major, b.Major),
		cmp.Compare(a.Minor, b.Minor),
		cmp.Compare(a.Patch, b.Patch),
	)
}

func Largest[T cmp.Ordered](xs []T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		if cmp.Less(m, x) {
			m = x
		}
	}
	return m
}

type Miles float64

func main() {
	fmt.Println(cmp.Compare(1, 2), cmp.Compare(2, 2), cmp.Compare("b", "a"))
	nan := math.NaN()
	// Not cmp.Compare(1, nan): see TestGenericLimits.
	fmt.Println(cmp.Compare(nan, 1), cmp.Compare(1.0, nan), cmp.Compare(nan, nan))
	fmt.Println(cmp.Less(1.5, 2), cmp.Less(math.NaN(), math.Inf(-1)), cmp.Less("b", "a"))
	fmt.Println(cmp.Or(0, 0, 3, 4), cmp.Or("", "default"), cmp.Or("", ""), cmp.Or(false, true))
	name := ""
	fmt.Println("hello", cmp.Or(name, "stranger"))
	vs := []Version{{1, 2, 3}, {1, 0, 9}, {0, 9, 9}, {1, 2, 0}}
	slices.SortFunc(vs, compareVersions)
	fmt.Println(vs)
	fmt.Println(Largest([]int{3, 9, 2}), Largest([]string{"a", "c", "b"}), Largest([]Miles{1.5, 0.5}))
}
`},
	{name: "iter_pull", src: `package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
)

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			fmt.Println("  producing", i)
			if !yield(i) {
				fmt.Println("  stopped at", i)
				return
			}
		}
		fmt.Println("  done")
	}
}

// Zip pairs two sequences with Pull, the use Go's documentation gives.
func Zip(a, b iter.Seq[int]) [][2]int {
	na, sa := iter.Pull(a)
	defer sa()
	nb, sb := iter.Pull(b)
	defer sb()
	var out [][2]int
	for {
		x, ok1 := na()
		y, ok2 := nb()
		if !ok1 || !ok2 {
			return out
		}
		out = append(out, [2]int{x, y})
	}
}

func main() {
	next, stop := iter.Pull(Count(3))
	fmt.Println("pulling")
	for {
		v, ok := next()
		if !ok {
			break
		}
		fmt.Println("got", v)
	}
	fmt.Println(next())
	stop()
	next, stop = iter.Pull(Count(10))
	v, _ := next()
	fmt.Println("first", v)
	stop()
	fmt.Println(next())
	stop()
	_, stop = iter.Pull(Count(5))
	stop() // never started: Count does not run
	fmt.Println(Zip(slices.Values([]int{1, 2, 3}), slices.Values([]int{10, 20})))
	next2, stop2 := iter.Pull2(maps.All(map[string]int{"only": 1}))
	k, val, ok := next2()
	fmt.Println(k, val, ok)
	k, val, ok = next2()
	fmt.Printf("%q %d %v\n", k, val, ok)
	stop2()
	stubborn := func(yield func(int) bool) {
		for i := 0; i < 3; i++ {
			fmt.Println("  yield returned", yield(i))
		}
		fmt.Println("  stubborn done")
	}
	n4, s4 := iter.Pull(stubborn)
	fmt.Println(n4())
	s4() // the sequence ignores false and goes on: stop waits for it
	fmt.Println(n4())
	n3, s3 := iter.Pull2(slices.All([]string{"a", "b", "c"}))
	i, s, _ := n3()
	fmt.Println(i, s)
	s3()
	i, s, ok = n3()
	fmt.Printf("%d %q %v\n", i, s, ok)
}
`},
	{name: "iter_pull_panic", src: `package main

import (
	"fmt"
	"iter"
)

func main() {
	seq := func(yield func(string) bool) {
		yield("one")
		panic("broken sequence")
	}
	var s iter.Seq[string]
	s = seq
	next, stop := iter.Pull(s)
	defer stop()
	v, ok := next()
	fmt.Println(v, ok)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		next()
	}()
	fmt.Println(next())
}
`},
	{name: "errors_astype", src: `package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
)

type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string { return e.Name + ": not found" }

type TimeoutError struct{ Seconds int }

func (e *TimeoutError) Error() string { return "timeout after " + strconv.Itoa(e.Seconds) + "s" }

func find(name string) error {
	if name == "" {
		return nil
	}
	return &NotFoundError{Name: name}
}

func load(name string) error {
	if err := find(name); err != nil {
		return fmt.Errorf("load %s: %w", name, err)
	}
	return nil
}

func fetch() error {
	var err error = &TimeoutError{Seconds: 3}
	return fmt.Errorf("fetch: %w", fmt.Errorf("retry 2: %w", err))
}

func main() {
	err := load("config.yaml")
	fmt.Println(err)
	if nf, ok := errors.AsType[*NotFoundError](err); ok {
		fmt.Println("missing:", nf.Name)
	}
	if _, ok := errors.AsType[*TimeoutError](err); !ok {
		fmt.Println("not a timeout")
	}
	te, ok := errors.AsType[*TimeoutError](fetch())
	fmt.Println(te.Seconds, ok)
	direct, ok := errors.AsType[*NotFoundError](find("x"))
	fmt.Println(direct.Name, ok)
	_, ok = errors.AsType[*NotFoundError](load(""))
	fmt.Println(ok)
	var t2 error = &TimeoutError{Seconds: 9}
	joined := errors.Join(errors.New("first"), load("a"), t2)
	nf, ok := errors.AsType[*NotFoundError](joined)
	fmt.Println(nf.Name, ok)
	te, ok = errors.AsType[*TimeoutError](joined)
	fmt.Println(te.Seconds, ok)
	_, err = os.Open("/no/such/file")
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		fmt.Println(pe.Op, pe.Path, errors.Is(err, fs.ErrNotExist))
	}
	_, err = strconv.Atoi("12x")
	ne, ok := errors.AsType[*strconv.NumError](fmt.Errorf("parse: %w", err))
	fmt.Println(ne.Func, ne.Num, ok, ne.Err == strconv.ErrSyntax)
	e, ok := errors.AsType[error](err)
	fmt.Println(e != nil, ok)
}
`},
	{name: "errors_compiled_members", src: `package main

import (
	"errors"
	"fmt"
	"strconv"
)

var ErrEmpty = errors.New("empty input")

type ParseError struct{ Line int }

func (e *ParseError) Error() string { return fmt.Sprint("line ", e.Line) }

func parse(s string) error {
	if s == "" {
		return fmt.Errorf("parse: %w", ErrEmpty)
	}
	return nil
}

func main() {
	err := parse("")
	fmt.Println(err, errors.Is(err, ErrEmpty), errors.Unwrap(err) == ErrEmpty)
	fmt.Println(errors.Is(err, errors.ErrUnsupported), errors.ErrUnsupported)
	// errors.As with a target of the program's own type needs the
	// engine's errors.As (plain yaegi's panics); a compiled one works.
	var target *strconv.NumError
	_, perr := strconv.Atoi("x")
	fmt.Println(errors.As(fmt.Errorf("w: %w", perr), &target), target.Func)
	j := errors.Join(ErrEmpty, nil)
	fmt.Println(j, errors.Is(j, ErrEmpty), errors.Join(nil, nil) == nil)
}
`},
	{name: "sync_oncevalue", src: `package main

import (
	"fmt"
	"sync"
)

type Config struct {
	Name    string
	Workers int
}

func loadConfig() *Config {
	fmt.Println("loading config")
	return &Config{"prod", 4}
}

func main() {
	getConfig := sync.OnceValue(loadConfig)
	var wg sync.WaitGroup
	results := make([]int, 5)
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = getConfig().Workers * i
		}(i)
	}
	wg.Wait()
	fmt.Println(results, getConfig().Name, getConfig() == getConfig())
	square := sync.OnceValue(func() int {
		fmt.Println("computing")
		return 12 * 12
	})
	fmt.Println(square(), square())
	readFile := sync.OnceValues(func() (string, error) {
		fmt.Println("reading")
		return "contents", nil
	})
	for i := 0; i < 2; i++ {
		data, err := readFile()
		fmt.Println(data, err)
	}
	failing := sync.OnceValues(func() (int, error) { return 0, fmt.Errorf("no such file") })
	_, err := failing()
	_, err2 := failing()
	fmt.Println(err, err == err2)
	once := sync.OnceFunc(func() { fmt.Println("once func") })
	once()
	once()
}
`},
	{name: "sync_oncevalue_panic", src: `package main

import (
	"fmt"
	"sync"
)

func main() {
	calls := 0
	f := sync.OnceValue(func() int {
		calls++
		panic("init failed")
	})
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			f()
		}()
	}
	fmt.Println("calls:", calls)
}
`},
	{name: "sync_compiled_members", src: `package main

import (
	"fmt"
	"sync"
)

type SafeCounter struct {
	mu sync.Mutex
	v  map[string]int
}

func (c *SafeCounter) Inc(key string) {
	c.mu.Lock()
	c.v[key]++
	c.mu.Unlock()
}

type Stats struct {
	sync.RWMutex
	hits int
}

func main() {
	c := SafeCounter{v: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc("k")
		}()
	}
	wg.Wait()
	fmt.Println(c.v["k"])
	var s Stats
	s.Lock()
	s.hits++
	s.Unlock()
	s.RLock()
	fmt.Println(s.hits)
	s.RUnlock()
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once") })
	}
	var m sync.Map
	m.Store("a", 1)
	v, ok := m.Load("a")
	fmt.Println(v, ok)
	pool := sync.Pool{New: func() any { return new(int) }}
	p := pool.Get().(*int)
	*p = 5
	fmt.Println(*p)
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		ready = true
		cond.Signal()
		mu.Unlock()
	}()
	mu.Lock()
	for !ready {
		cond.Wait()
	}
	mu.Unlock()
	fmt.Println("ready", ready)
	var l sync.Locker = &mu
	l.Lock()
	l.Unlock()
	wg.Go(func() { fmt.Println("from wg.Go") })
	wg.Wait()
	fmt.Printf("%T %T\n", &mu, &wg)
}
`},
	{name: "atomic_pointer", src: `package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct {
	Version int
	Name    string
}

type Server struct {
	config atomic.Pointer[Config]
	hits   atomic.Int64
}

func main() {
	var p atomic.Pointer[Config]
	fmt.Println(p.Load() == nil)
	first := &Config{1, "first"}
	p.Store(first)
	fmt.Println(p.Load().Name)
	old := p.Swap(&Config{2, "second"})
	fmt.Println(old.Name, p.Load().Version)
	fmt.Println(p.CompareAndSwap(first, &Config{3, "third"}), p.Load().Version)
	cur := p.Load()
	fmt.Println(p.CompareAndSwap(cur, &Config{4, "fourth"}), p.Load().Name)
	p.Store(nil)
	fmt.Println(p.Load() == nil, p.CompareAndSwap(nil, first), p.Load().Name)

	var s Server
	s.config.Store(&Config{Version: 1})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				old := s.config.Load()
				next := &Config{Version: old.Version + 1}
				if s.config.CompareAndSwap(old, next) {
					break
				}
			}
			s.hits.Add(1)
		}()
	}
	wg.Wait()
	fmt.Println(s.config.Load().Version, s.hits.Load())
	var n atomic.Pointer[int]
	x := 42
	n.Store(&x)
	fmt.Println(*n.Load())
}
`},
	{name: "atomic_compiled_members", src: `package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var ops atomic.Uint64
	var legacy int64
	var flag atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				ops.Add(1)
				atomic.AddInt64(&legacy, 2)
			}
			flag.Store(true)
		}()
	}
	wg.Wait()
	fmt.Println(ops.Load(), atomic.LoadInt64(&legacy), flag.Load())
	var v atomic.Value
	v.Store("config")
	fmt.Println(v.Load())
	var i32 atomic.Int32
	fmt.Println(i32.CompareAndSwap(0, 5), i32.Swap(7), i32.Load())
	var u uint32
	fmt.Println(atomic.CompareAndSwapUint32(&u, 0, 1), u)
}
`},
	{name: "generic_named_types_funcs", src: `package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Name string

type Names []Name

type Grades map[Name]int

func (n Names) String() string {
	parts := make([]string, len(n))
	for i, x := range n {
		parts[i] = string(x)
	}
	return strings.Join(parts, "+")
}

func apply[T any](xs []T, f func(T) T) []T {
	out := slices.Clone(xs)
	for i := range out {
		out[i] = f(out[i])
	}
	return out
}

func main() {
	ns := Names{"cid", "ann", "bob"}
	slices.Sort(ns)
	fmt.Println(ns.String(), slices.Contains(ns, "bob"), slices.Index(ns, Name("cid")))
	var again Names
	again = slices.Clone(ns)
	fmt.Println(again.String())
	g := Grades{"ann": 90, "bob": 72}
	var g2 Grades // not var g2 Grades = maps.Clone(g): see TestGenericLimits
	g2 = maps.Clone(g)
	g2["cid"] = 85
	fmt.Println(len(g), len(g2), slices.Sorted(maps.Keys(g2)))
	shout := func(n Name) Name { return Name(strings.ToUpper(string(n))) }
	fmt.Println(apply(ns, shout))
	cmpLen := func(a, b Name) int { return len(a) - len(b) }
	fmt.Println(slices.MaxFunc(ns, cmpLen), slices.IsSortedFunc(ns, cmpLen))
	fmt.Println(slices.IndexFunc(ns, func(n Name) bool { return strings.HasPrefix(string(n), "b") }))
}
`},
	{name: "strings_bytes_iterators", src: `package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

func main() {
	text := "first line\nsecond line\nthird"
	strings.Lines(text)(func(line string) bool {
		fmt.Printf("%q\n", line)
		return true
	})
	fmt.Println(slices.Collect(strings.SplitSeq("a,b,,c", ",")))
	fmt.Println(slices.Collect(strings.FieldsSeq("  go   is fun ")))
	fmt.Println(slices.Collect(strings.SplitAfterSeq("1-2-3", "-")))
	fmt.Println(slices.Collect(strings.FieldsFuncSeq("a1b22c", func(r rune) bool { return r >= '0' && r <= '9' })))
	n := 0
	bytes.Lines([]byte("x\ny\nz\n"))(func(line []byte) bool {
		n++
		return n < 2
	})
	fmt.Println(n)
	show := func(parts [][]byte) {
		for _, p := range parts {
			fmt.Printf("%q ", p)
		}
		fmt.Println()
	}
	show(slices.Collect(bytes.SplitSeq([]byte("k=v;x=y"), []byte(";"))))
	show(slices.Collect(bytes.SplitAfterSeq([]byte("a.b.c"), []byte("."))))
	show(slices.Collect(bytes.FieldsSeq([]byte(" one  two "))))
	show(slices.Collect(bytes.FieldsFuncSeq([]byte("x,y;z"), func(r rune) bool { return r == ',' || r == ';' })))
	for _, w := range slices.Sorted(strings.FieldsSeq("pear fig apple")) {
		fmt.Print(w, " ")
	}
	fmt.Println()
}
`},
}
