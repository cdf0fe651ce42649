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

// TestMissingImport: a package used without an import is Go's compile
// error at its position (frontend's missing_import.go: yaegi crashed on
// some of these with a nil pointer dereference).
func TestMissingImport(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ code, wantErr, wantOut string }{
		{"import \"slices\"\nm := map[string]int{\"a\": 1}", "", ""},
		{"ks := slices.Sorted(maps.Keys(m))\nks", "compile error: cell:1:21: undefined: maps", ""},
		{"strings.ToUpper(\"a\")", "compile error: cell:1:1: undefined: strings", ""},
		{"import \"maps\"", "", ""},
		{"ks := slices.Sorted(maps.Keys(m))\nks", "", "[a]"},
		{"type box struct{ n int }\nstrings := box{2}\nstrings.n", "", "2"},
	} {
		r := e.Execute(context.Background(), tt.code)
		switch {
		case tt.wantErr != "" && (r.Err == nil || r.Err.Error() != tt.wantErr):
			t.Errorf("%q: error %v, want %q", tt.code, r.Err, tt.wantErr)
		case tt.wantErr == "" && r.Err != nil:
			t.Errorf("%q: %v %v", tt.code, r.Err, r.Err.Traceback)
		case tt.wantErr == "":
			if got, _ := r.Data["text/plain"].(string); got != tt.wantOut {
				t.Errorf("%q: Out = %q, want %q", tt.code, got, tt.wantOut)
			}
		}
	}
}
