// Package lessons turns a lesson's text source (lessons/*.md) into a Jupyter
// notebook (notebooks/*.ipynb) for gokernel.
//
// A lesson is Markdown. Each fenced block whose info string starts with "go"
// becomes a code cell; the text between blocks becomes Markdown cells. Words
// after "go" in the info string become cell tags, e.g. "```go raises-exception"
// marks a cell that is meant to fail (nbclient and nbconvert then carry on).
//
// Notebooks are written with sorted keys, one-space indentation and stable
// cell ids, so regenerating an unchanged lesson changes no byte and the
// generated files can be checked in and compared in review.
package lessons

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Notebook builds the .ipynb bytes for one lesson; name (the file's base name
// without extension) seeds the cell ids.
func Notebook(name, markdown string) ([]byte, error) {
	cells, err := split(markdown)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	nb := map[string]any{
		"nbformat":       4,
		"nbformat_minor": 5,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": "gokernel", "display_name": "Go (gokernel)", "language": "go"},
			"language_info": map[string]any{"name": "go", "mimetype": "text/x-go", "file_extension": ".go"},
		},
		"cells": cellJSON(name, cells),
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type cell struct {
	code   bool
	source string
	tags   []string
}

// split cuts the Markdown into text and Go cells.
func split(md string) ([]cell, error) {
	var cells []cell
	var text []string
	flushText := func() {
		s := strings.Trim(strings.Join(text, "\n"), "\n")
		if strings.TrimSpace(s) != "" {
			cells = append(cells, cell{source: s})
		}
		text = nil
	}
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		info, isFence := strings.CutPrefix(line, "```")
		fields := strings.Fields(info)
		if !isFence || len(fields) == 0 || fields[0] != "go" {
			text = append(text, line)
			continue
		}
		flushText()
		fence := i + 1 // 1-based line of the opening fence
		start := i + 1
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
		}
		if i == len(lines) {
			return nil, fmt.Errorf("line %d: go block is not closed with ```", fence)
		}
		c := cell{code: true, source: strings.Join(lines[start:i], "\n")}
		if len(fields) > 1 {
			c.tags = fields[1:]
		}
		cells = append(cells, c)
	}
	flushText()
	return cells, nil
}

func cellJSON(name string, cells []cell) []any {
	out := make([]any, 0, len(cells))
	for i, c := range cells {
		md := map[string]any{}
		if len(c.tags) > 0 {
			md["tags"] = c.tags
		}
		j := map[string]any{
			"id":       fmt.Sprintf("%s-%02d", idSafe(name), i+1),
			"metadata": md,
			"source":   sourceLines(c.source),
		}
		if c.code {
			j["cell_type"] = "code"
			j["execution_count"] = nil
			j["outputs"] = []any{}
		} else {
			j["cell_type"] = "markdown"
		}
		out = append(out, j)
	}
	return out
}

// sourceLines splits source the way Jupyter stores it: lines keep their "\n"
// except the last.
func sourceLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func idSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, s)
}
