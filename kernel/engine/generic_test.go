package engine

import (
	"context"
	"testing"
)

// TestGenericThenCells: cells after an import of a package with generic
// source keep their own variables (the source once shared their frame slots).
func TestGenericThenCells(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ code, want string }{
		{"import \"slices\"", ""},
		{"func g(s []int) []int { return s }\ng([]int{1})", "[1]"},
		{"slices.Index([]int{5, 1}, 1)", "1"},
		{"x := []int{3, 1, 2}\nslices.Sort(x)\nx", "[1 2 3]"},
		{"import \"maps\"\nm := map[string]int{\"a\": 1}\nlen(maps.Clone(m))", "1"},
	} {
		r := e.Execute(context.Background(), tt.code)
		c := tt.code
		if r.Err != nil {
			t.Errorf("%q: %v %v", c, r.Err, r.Err.Traceback)
		} else if got, _ := r.Data["text/plain"].(string); got != tt.want {
			t.Errorf("%q: Out = %q, want %q", c, got, tt.want)
		}
	}
}
