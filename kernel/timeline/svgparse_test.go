package timeline

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// node is any XML element of a parsed SVG.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []*node    `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *node) attr(k string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == k {
			return a.Value
		}
	}
	return ""
}

func (n *node) has(class string) bool {
	for _, c := range strings.Fields(n.attr("class")) {
		if c == class {
			return true
		}
	}
	return false
}

func (n *node) walk(f func(*node)) {
	f(n)
	for _, c := range n.Nodes {
		c.walk(f)
	}
}

// parseSVG parses s as XML (failing the test if it is not well-formed) and
// writes it to $GK_TIMELINE_OUT/name.svg when that is set, to look at.
func parseSVG(t *testing.T, name, s string) *node {
	t.Helper()
	if dir := os.Getenv("GK_TIMELINE_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, name+".svg"), []byte(s), 0o644)
	}
	var root node
	if err := xml.Unmarshal([]byte(s), &root); err != nil {
		t.Fatalf("the SVG does not parse: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element %q, want svg", root.XMLName.Local)
	}
	return &root
}

// lanes are the <g class="lane" data-kind=kind> of the SVG.
func lanes(root *node, kind string) []*node {
	var out []*node
	root.walk(func(n *node) {
		if n.XMLName.Local == "g" && n.has("lane") && n.attr("data-kind") == kind {
			out = append(out, n)
		}
	})
	return out
}

// laneByFunc is the goroutine lane whose entry function ends with suffix.
func lanesByFunc(root *node, suffix string) []*node {
	var out []*node
	for _, l := range lanes(root, "G") {
		if strings.HasSuffix(l.attr("data-func"), suffix) {
			out = append(out, l)
		}
	}
	return out
}

type rectSpan struct {
	state      string // running, runnable, blocked (or summary states)
	g, p       int64
	reason     string
	start, end int64
	merged     bool
}

// spans are a lane's span rectangles, in document (time) order.
func spans(t *testing.T, lane *node) []rectSpan {
	t.Helper()
	var out []rectSpan
	lane.walk(func(n *node) {
		if n.XMLName.Local != "rect" || !n.has("span") {
			return
		}
		s := rectSpan{reason: n.attr("data-reason"), merged: n.has("merged"), p: -1}
		for _, st := range []string{"running", "runnable", "blocked"} {
			if n.has(st) {
				s.state = st
			}
		}
		var err error
		num := func(k string) int64 {
			v, e := strconv.ParseInt(n.attr(k), 10, 64)
			if e != nil && err == nil {
				err = e
			}
			return v
		}
		s.start, s.end = num("data-start-ns"), num("data-end-ns")
		if !n.has("summary") {
			s.g = num("data-g")
			if s.state == "running" {
				s.p = num("data-p")
			}
		}
		if err != nil {
			t.Fatalf("span %v: %v", n.Attrs, err)
		}
		if s.end < s.start {
			t.Fatalf("span ends before it starts: %+v", s)
		}
		out = append(out, s)
	})
	return out
}
