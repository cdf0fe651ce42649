package assist

import (
	"slices"
	"strings"
	"testing"
)

func TestIsComplete(t *testing.T) {
	a := New()
	tests := []struct{ code, status string }{
		{"", "complete"},
		{"x := 1", "complete"},
		{"for {", "incomplete"},
		{"f(1,", "incomplete"},
		{"x := 1 +", "incomplete"},
		{"s := `raw\nstill raw", "incomplete"},
		{"/* a comment", "incomplete"},
		{`s := "abc`, "invalid"},
		{"x := )", "invalid"},
		{"}", "invalid"},
		{"func f() {\n\treturn\n}", "complete"},
		{"import \"fmt\"", "complete"},
	}
	for _, tt := range tests {
		if got, _ := a.IsComplete(tt.code); got != tt.status {
			t.Errorf("IsComplete(%q) = %s, want %s", tt.code, got, tt.status)
		}
	}
	if _, indent := a.IsComplete("for {\n\tif x {"); indent != "\t\t" {
		t.Errorf("indent %q, want two tabs", indent)
	}
}

func TestComplete(t *testing.T) {
	a := New()
	a.Learn([]string{"myLongVariable", "myFunc"})
	tests := []struct {
		code       string
		cursor     int
		want       []string
		start, end int
	}{
		{"fmt.Prin", 8, []string{"Print", "Printf", "Println"}, 4, 8},
		{"x := strings.ToU", 16, []string{"ToUpper"}, 13, 16},
		{"myL", 3, []string{"myLongVariable"}, 0, 3},
		{"go", 2, []string{"go", "goto"}, 0, 2},
		{"fmt.Println(myF) // rest", 15, []string{"myFunc"}, 12, 15},
		{"héllo.X", 7, nil, 6, 7},
	}
	for _, tt := range tests {
		got, start, end, _ := a.Complete(tt.code, tt.cursor)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Complete(%q, %d) = %v, lacks %s", tt.code, tt.cursor, got, w)
			}
		}
		if start != tt.start || end != tt.end {
			t.Errorf("Complete(%q): cursor %d-%d, want %d-%d", tt.code, start, end, tt.start, tt.end)
		}
	}
}

func TestInspect(t *testing.T) {
	a := New()
	tests := []struct {
		code   string
		cursor int
		want   string // "" means not found
	}{
		{"fmt.Println", 5, "func fmt.Println(...interface {}) (int, error)"},
		{"fmt.Println(1)", 6, "func fmt.Println"},
		{"strings", 3, `package strings // import "strings"`},
		{"rand", 2, `import "math/rand"`},
		{"nosuch.Thing", 3, ""},
	}
	for _, tt := range tests {
		data, found := a.Inspect(tt.code, tt.cursor, 0)
		if tt.want == "" {
			if found {
				t.Errorf("Inspect(%q) found %v", tt.code, data)
			}
			continue
		}
		if text, _ := data["text/plain"].(string); !found || !strings.Contains(text, tt.want) {
			t.Errorf("Inspect(%q) = %q, want it to contain %q", tt.code, text, tt.want)
		}
	}
}
