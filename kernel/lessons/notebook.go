package lessons

// The .ipynb side: a notebook as the tools handle it (NB), written with
// stable bytes (Encode) and read back (Decode) whichever way Jupyter stored
// its multi-line strings.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// NB is a notebook: its cells, with outputs once it has run.
type NB struct {
	Cells []NBCell
}

// NBCell is one cell of a notebook.
type NBCell struct {
	ID     string
	Type   string // "code" or "markdown"
	Source string
	Tags   []string
	// Count is the execution count, 0 when the cell has not run.
	Count   int
	Outputs []Output
}

// Output is one nbformat output: output_type "stream" (Name, Text),
// "execute_result" (Data), "display_data" (Data, Metadata) or "error"
// (EName, EValue, Traceback).
type Output struct {
	Type      string
	Name      string // stream
	Text      string // stream
	Data      map[string]any
	Metadata  map[string]any
	EName     string
	EValue    string
	Traceback []string
}

// Has reports whether the cell carries tag.
func (c *NBCell) Has(tag string) bool { return slices.Contains(c.Tags, tag) }

// Encode writes nb as .ipynb bytes: sorted keys, one-space indentation,
// multi-line strings as lists of lines (as Jupyter saves them).
func Encode(nb *NB) ([]byte, error) {
	cells := make([]any, 0, len(nb.Cells))
	for _, c := range nb.Cells {
		md := map[string]any{}
		if len(c.Tags) > 0 {
			md["tags"] = c.Tags
		}
		j := map[string]any{"id": c.ID, "metadata": md, "source": sourceLines(c.Source), "cell_type": c.Type}
		if c.Type == "code" {
			j["execution_count"] = nil
			if c.Count > 0 {
				j["execution_count"] = c.Count
			}
			outs := make([]any, 0, len(c.Outputs))
			for _, o := range c.Outputs {
				outs = append(outs, o.json(c.Count))
			}
			j["outputs"] = outs
		}
		cells = append(cells, j)
	}
	doc := map[string]any{
		"nbformat":       4,
		"nbformat_minor": 5,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": "gokernel", "display_name": "Go (gokernel)", "language": "go"},
			"language_info": map[string]any{"name": "go", "mimetype": "text/x-go", "file_extension": ".go"},
		},
		"cells": cells,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (o Output) json(count int) map[string]any {
	j := map[string]any{"output_type": o.Type}
	switch o.Type {
	case "stream":
		j["name"], j["text"] = o.Name, sourceLines(o.Text)
	case "error":
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		j["ename"], j["evalue"], j["traceback"] = o.EName, o.EValue, tb
	default: // execute_result, display_data
		data := map[string]any{}
		for k, v := range o.Data {
			if s, ok := v.(string); ok && (strings.HasPrefix(k, "text/") || k == "image/svg+xml") {
				data[k] = sourceLines(s)
				continue
			}
			data[k] = v
		}
		md := o.Metadata
		if md == nil {
			md = map[string]any{}
		}
		j["data"], j["metadata"] = data, md
		if o.Type == "execute_result" {
			j["execution_count"] = count
		}
	}
	return j
}

// Decode reads .ipynb bytes.
func Decode(b []byte) (*NB, error) {
	var doc struct {
		Cells []struct {
			ID       string          `json:"id"`
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
			Metadata struct {
				Tags []string `json:"tags"`
			} `json:"metadata"`
			Count   *int `json:"execution_count"`
			Outputs []struct {
				Type      string                     `json:"output_type"`
				Name      string                     `json:"name"`
				Text      json.RawMessage            `json:"text"`
				Data      map[string]json.RawMessage `json:"data"`
				Metadata  map[string]any             `json:"metadata"`
				EName     string                     `json:"ename"`
				EValue    string                     `json:"evalue"`
				Traceback []string                   `json:"traceback"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	nb := &NB{}
	for i, c := range doc.Cells {
		src, err := multiline(c.Source)
		if err != nil {
			return nil, fmt.Errorf("cell %d: source: %w", i+1, err)
		}
		nc := NBCell{ID: c.ID, Type: c.CellType, Source: src, Tags: c.Metadata.Tags}
		if c.Count != nil {
			nc.Count = *c.Count
		}
		for _, o := range c.Outputs {
			out := Output{Type: o.Type, Name: o.Name, Metadata: o.Metadata, EName: o.EName, EValue: o.EValue, Traceback: o.Traceback}
			if out.Text, err = multiline(o.Text); err != nil {
				return nil, fmt.Errorf("cell %d: output text: %w", i+1, err)
			}
			if o.Data != nil {
				out.Data = map[string]any{}
				for k, raw := range o.Data {
					if s, err := multiline(raw); err == nil {
						out.Data[k] = s
						continue
					}
					var v any
					if err := json.Unmarshal(raw, &v); err != nil {
						return nil, fmt.Errorf("cell %d: data %s: %w", i+1, k, err)
					}
					out.Data[k] = v
				}
			}
			nc.Outputs = append(nc.Outputs, out)
		}
		nb.Cells = append(nb.Cells, nc)
	}
	return nb, nil
}

// multiline reads a string stored as a string or as a list of lines.
func multiline(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", err
	}
	return strings.Join(lines, ""), nil
}

// sourceLines splits s the way Jupyter stores it: lines keep their "\n"
// except the last.
func sourceLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// Diff lists how got differs from want in what a lesson decides: the cells,
// their kinds, ids, sources and tags (not outputs or execution counts, which
// running the notebook decides). Empty when they agree.
func Diff(want, got *NB) []string {
	var out []string
	n := max(len(want.Cells), len(got.Cells))
	for i := 0; i < n; i++ {
		if i >= len(got.Cells) {
			out = append(out, fmt.Sprintf("cell %d (%s): missing", i+1, want.Cells[i].ID))
			continue
		}
		if i >= len(want.Cells) {
			out = append(out, fmt.Sprintf("cell %d (%s): not in the lesson", i+1, got.Cells[i].ID))
			continue
		}
		w, g := want.Cells[i], got.Cells[i]
		switch {
		case w.Type != g.Type:
			out = append(out, fmt.Sprintf("cell %d: a %s cell, the lesson has a %s cell", i+1, g.Type, w.Type))
		case w.ID != g.ID:
			out = append(out, fmt.Sprintf("cell %d: id %q, the lesson gives %q", i+1, g.ID, w.ID))
		case w.Source != g.Source:
			out = append(out, fmt.Sprintf("cell %d (%s): source differs:\n  lesson:   %q\n  notebook: %q", i+1, w.ID, firstDiff(w.Source, g.Source), firstDiff(g.Source, w.Source)))
		case !slices.Equal(w.Tags, g.Tags):
			out = append(out, fmt.Sprintf("cell %d (%s): tags %v, the lesson gives %v", i+1, w.ID, g.Tags, w.Tags))
		}
	}
	return out
}

// firstDiff is a's line where a and b first differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return fmt.Sprintf("line %d: %s", i+1, al[i])
		}
	}
	return fmt.Sprintf("line %d: (end)", len(al)+1)
}
