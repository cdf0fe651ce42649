package frontend

import (
	"go/ast"
	"strings"
	"testing"
)

func TestMethodOrder(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"callee first", "type S[T any] struct{}\nfunc (s *S[T]) A() { s.b() }\nfunc (s *S[T]) b() {}", "b A"},
		{"chains", "type S[T any] struct{}\nfunc (s S[T]) A() { s.B() }\nfunc (s S[T]) B() { s.C() }\nfunc (s S[T]) C() {}", "C B A"},
		{"source order otherwise", "type S[T any] struct{}\nfunc (s S[T]) A() {}\nfunc (s S[T]) B() {}", "A B"},
		{"methods calling each other: the first declared comes last", "type S[T any] struct{}\nfunc (s S[T]) A() { s.B() }\nfunc (s S[T]) B() { s.A() }", "B A"},
		{"two type parameters", "type P[K comparable, V any] struct{}\nfunc (p P[K, V]) A() { p.b() }\nfunc (p P[K, V]) b() {}", "b A"},
		{"other decls stay", "type S[T any] struct{}\nfunc (s S[T]) A() { s.b() }\nfunc f() {}\nfunc (s S[T]) b() {}", "b f A"},
		{"plain types untouched", "type S struct{}\nfunc (s S) A() { s.b() }\nfunc (s S) b() {}", "A b"},
	} {
		c, err := Parse(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if err := passMethodOrder(c, Env{}); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range c.Decls {
			if f, ok := d.(*ast.FuncDecl); ok {
				got = append(got, f.Name.Name)
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s: order %q, want %q", tc.name, g, tc.want)
		}
	}
}
