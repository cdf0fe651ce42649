package lessons

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// All parses every *.md at the top of fsys, in file-name order.
func All(fsys fs.FS) ([]*Lesson, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	var out []*Lesson
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		l, err := Parse(strings.TrimSuffix(path.Base(n), ".md"), string(b))
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// Find is the exercise of that name in any of the lessons. When there is
// none, the error names the closest names there are (or all of them, when
// there are few).
func Find(all []*Lesson, name string) (*Exercise, error) {
	var names []string
	for _, l := range all {
		for _, e := range l.Exercises {
			if e.Name == name {
				return e, nil
			}
			names = append(names, e.Name)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no exercise %q: the lessons have no exercises", name)
	}
	return nil, fmt.Errorf("no exercise %q; %s", name, closest(name, names))
}

// closest says which names are nearest to name: those within a third of
// its length in edit distance, or that contain it or it them,
// case-insensitively; if none is, all of them when there are at most 10.
func closest(name string, names []string) string {
	var near []string
	ln := strings.ToLower(name)
	for _, n := range names {
		l := strings.ToLower(n)
		if d := distance(ln, l); d <= max(1, len(name)/3) || strings.Contains(l, ln) || strings.Contains(ln, l) {
			near = append(near, n)
		}
	}
	slices.Sort(near)
	switch {
	case len(near) > 0:
		return "did you mean " + strings.Join(near, ", ") + "?"
	case len(names) <= 10:
		slices.Sort(names)
		return "the exercises are " + strings.Join(names, ", ")
	}
	return fmt.Sprintf("there are %d exercises; none is close", len(names))
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
