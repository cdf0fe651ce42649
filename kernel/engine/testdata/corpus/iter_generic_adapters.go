package main

// Generic iterator adapters (Filter, Map, Take) over a generic Seq type, and
// a method returning an iterator: the type arguments are inferred, from
// func literals and from arguments of an instantiated generic type.

import (
	"fmt"
	"strings"
)

type Seq[V any] func(yield func(V) bool)

func Count(n int) Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func Filter[V any](s Seq[V], keep func(V) bool) Seq[V] {
	return func(yield func(V) bool) {
		for v := range s {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Map[V, W any](s Seq[V], f func(V) W) Seq[W] {
	return func(yield func(W) bool) {
		for v := range s {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Take[V any](s Seq[V], n int) Seq[V] {
	return func(yield func(V) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range s {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func Collect[V any](s Seq[V]) []V {
	var out []V
	for v := range s {
		out = append(out, v)
	}
	return out
}

type Playlist struct{ songs []string }

func (p *Playlist) All() func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for i, s := range p.songs {
			if !yield(i+1, s) {
				return
			}
		}
	}
}

func main() {
	odd := Filter(Count(20), func(i int) bool { return i%2 == 1 })
	words := Map(Take(odd, 4), func(i int) string { return strings.Repeat("*", i) })
	fmt.Println(Collect(words))
	fmt.Println(Collect(Take(Count(100), 3)))
	p := &Playlist{songs: []string{"intro", "verse", "outro"}}
	for n, s := range p.All() {
		fmt.Printf("%d. %s\n", n, s)
	}
}
