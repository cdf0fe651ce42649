package lessons

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []cell
	}{
		{"text only", "# Title\n\nSome text.\n", []cell{{source: "# Title\n\nSome text."}}},
		{"text and code", "Intro\n```go\nx := 1\nx\n```\nAfter\n",
			[]cell{{source: "Intro"}, {code: true, source: "x := 1\nx"}, {source: "After"}}},
		{"tags", "```go raises-exception\npanic(1)\n```\n",
			[]cell{{code: true, source: "panic(1)", tags: []string{"raises-exception"}}}},
		{"other languages stay text", "```sh\nmake test\n```\n", []cell{{source: "```sh\nmake test\n```"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := split(tt.md)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestUnclosedBlockIsAnError(t *testing.T) {
	if _, err := Notebook("x", "text\n```go\nx := 1\n"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("got %v", err)
	}
}

func TestNotebookIsValidNbformat(t *testing.T) {
	b, err := Notebook("01-intro", "# Hi\n```go\nfmt.Println(1)\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		NBFormat int `json:"nbformat"`
		Metadata struct {
			Kernelspec struct{ Name string } `json:"kernelspec"`
		} `json:"metadata"`
		Cells []struct {
			ID       string   `json:"id"`
			CellType string   `json:"cell_type"`
			Source   []string `json:"source"`
			Outputs  []any    `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatal(err)
	}
	if nb.NBFormat != 4 || nb.Metadata.Kernelspec.Name != "gokernel" || len(nb.Cells) != 2 ||
		nb.Cells[1].CellType != "code" || nb.Cells[1].ID != "01-intro-02" || nb.Cells[1].Outputs == nil {
		t.Fatalf("%s", b)
	}
}

// The checked-in notebooks must be what the lessons generate.
func TestNotebooksAreUpToDate(t *testing.T) {
	root := filepath.Join("..", "..")
	lessons, _ := filepath.Glob(filepath.Join(root, "lessons", "*.md"))
	if len(lessons) == 0 {
		t.Fatal("no lessons found")
	}
	for _, src := range lessons {
		md, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(src), ".md")
		want, err := Notebook(name, string(md))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(root, "notebooks", name+".ipynb"))
		if err != nil || string(got) != string(want) {
			t.Errorf("notebooks/%s.ipynb is stale or missing: run `go run ./kernel/cmd/lessons`", name)
		}
	}
}
