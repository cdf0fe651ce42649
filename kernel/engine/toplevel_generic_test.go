package engine

import (
	"context"
	"testing"
)

// TestGenericCallsOfTopLevelVars: a top-level variable initialized by a
// generic call that takes another top-level variable (frontend's
// pass_vartypes.go: yaegi said "constant definition loop").
func TestGenericCallsOfTopLevelVars(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ code, want string }{
		{"import (\"maps\"; \"slices\")\nx := []int{3, 1}", ""},
		{"y := slices.Clone(x)\ny", "[3 1]"},
		{"m := map[string]int{\"b\": 2, \"a\": 1}\nks := slices.Sorted(maps.Keys(m))\nks", "[a b]"},
		{"big := slices.Max(x)\ni := slices.Index(x, 1)\n[]int{big, i}", "[3 1]"},
	} {
		r := e.Execute(context.Background(), tt.code)
		if r.Err != nil {
			t.Errorf("%q: %v %v", tt.code, r.Err, r.Err.Traceback)
		} else if got, _ := r.Data["text/plain"].(string); got != tt.want {
			t.Errorf("%q: Out = %q, want %q", tt.code, got, tt.want)
		}
	}
}
