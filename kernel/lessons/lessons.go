// Package lessons reads the course's lessons (lessons/*.md) and builds their
// notebooks for gokernel: a student notebook (notebooks/NN-slug.ipynb) and a
// teacher notebook (notebooks/solutions/NN-slug.ipynb) per lesson.
//
// A lesson is Markdown. Each fenced block whose info string starts with "go"
// is a code block; the text between blocks becomes Markdown cells. The words
// after "go" in the info string are, in any order:
//   - a role and its exercise name: "exercise NAME" (the student's starting
//     cell), "solution NAME" (the reference solution), "wrong NAME" (a typical
//     mistake, used only by tests), "check NAME" (the hidden test, Go source
//     declaring func check() error);
//   - options key="value" (or key=value): expect="…" on a wrong block (a
//     substring of the check's failure message), timeout=20s on a check
//     block (default 10s);
//   - any other word is a cell tag: "raises-exception" (a cell meant to
//     fail), "nondeterministic" (its output differs run to run).
//
// Contract:
//   - The student notebook has every code block but the solution, wrong and
//     check blocks; a cell that runs %check is tagged raises-exception
//     there (its exercise is still a stub).
//   - The teacher notebook has the solution in place of its exercise cell,
//     and its %check cells are not tagged raises-exception: they must pass.
//   - A solution, wrong or check block names an exercise of its lesson; an
//     exercise has exactly one solution and one check; option keys are
//     only those above. Anything else is an error naming the line.
//   - All reads every lesson of a directory (the embedded lessons/*.md, or
//     kernel/lessons/testdata's fixture); Find names an exercise across
//     them, or says which names are closest.
//   - Notebooks are written with sorted keys, one-space indentation and cell
//     ids made of the lesson's name and the cell's position, so rebuilding an
//     unchanged lesson changes no byte and the generated files can be
//     checked in and compared in review.
package lessons

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Block roles: the first word after "go" that names an exercise.
const (
	RoleExercise = "exercise"
	RoleSolution = "solution"
	RoleWrong    = "wrong"
	RoleCheck    = "check"
)

// Tags with a meaning for the tools.
const (
	TagRaises           = "raises-exception"
	TagNondeterministic = "nondeterministic"
)

// DefaultTimeout is how long %check waits for check() when the check block
// gives no timeout.
const DefaultTimeout = 10 * time.Second

// options a block may carry, by role.
var optionsOf = map[string][]string{
	RoleWrong: {"expect"},
	RoleCheck: {"timeout"},
}

// Lesson is one parsed lesson.
type Lesson struct {
	Name      string // the file's base name without .md, e.g. "03-goroutines-and-waiting"
	Cells     []Cell // in the order of the source, every block included
	Exercises []*Exercise
}

// Cell is a Markdown cell or a code block of the source.
type Cell struct {
	Code    bool
	Source  string
	Tags    []string          // cell tags (not the role words)
	Role    string            // "" or one of the Role constants
	Name    string            // the exercise a role block belongs to
	Options map[string]string // key="value" words
	Line    int               // 1-based line of the opening fence (code blocks)
}

// Exercise is what a lesson says about one exercise.
type Exercise struct {
	Name     string
	Lesson   string
	Stub     *Cell
	Solution *Cell
	Wrongs   []*Cell
	Check    *Cell
	Timeout  time.Duration // the check's
}

// Expect is the substring the check's failure message must contain for a
// wrong block ("" when it gives none).
func Expect(wrong *Cell) string { return wrong.Options["expect"] }

// Parse reads one lesson.
func Parse(name, markdown string) (*Lesson, error) {
	cells, err := split(markdown)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	l := &Lesson{Name: name, Cells: cells}
	byName := map[string]*Exercise{}
	for i := range l.Cells {
		c := &l.Cells[i]
		if c.Role == RoleExercise {
			if byName[c.Name] != nil {
				return nil, fmt.Errorf("%s: line %d: a second exercise %s", name, c.Line, c.Name)
			}
			e := &Exercise{Name: c.Name, Lesson: name, Stub: c, Timeout: DefaultTimeout}
			byName[c.Name] = e
			l.Exercises = append(l.Exercises, e)
		}
	}
	for i := range l.Cells {
		c := &l.Cells[i]
		if c.Role == "" || c.Role == RoleExercise {
			continue
		}
		e := byName[c.Name]
		if e == nil {
			return nil, fmt.Errorf("%s: line %d: %s %s: the lesson has no exercise %s", name, c.Line, c.Role, c.Name, c.Name)
		}
		switch c.Role {
		case RoleSolution:
			if e.Solution != nil {
				return nil, fmt.Errorf("%s: line %d: a second solution for %s", name, c.Line, c.Name)
			}
			e.Solution = c
		case RoleWrong:
			e.Wrongs = append(e.Wrongs, c)
		case RoleCheck:
			if e.Check != nil {
				return nil, fmt.Errorf("%s: line %d: a second check for %s", name, c.Line, c.Name)
			}
			e.Check = c
			if s, ok := c.Options["timeout"]; ok {
				d, err := time.ParseDuration(s)
				if err != nil || d <= 0 {
					return nil, fmt.Errorf("%s: line %d: check %s: timeout=%q is not a duration such as 20s", name, c.Line, c.Name, s)
				}
				e.Timeout = d
			}
		}
	}
	for _, e := range l.Exercises {
		switch {
		case e.Check == nil:
			return nil, fmt.Errorf("%s: line %d: exercise %s has no check block", name, e.Stub.Line, e.Name)
		case e.Solution == nil:
			return nil, fmt.Errorf("%s: line %d: exercise %s has no solution block", name, e.Stub.Line, e.Name)
		}
	}
	return l, nil
}

// Exercise is the lesson's exercise of that name, nil if none.
func (l *Lesson) Exercise(name string) *Exercise {
	for _, e := range l.Exercises {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// Student is the student notebook's cells (without outputs).
func (l *Lesson) Student() *NB { return l.notebook(false) }

// Teacher is the teacher notebook's cells (without outputs).
func (l *Lesson) Teacher() *NB { return l.notebook(true) }

func (l *Lesson) notebook(teacher bool) *NB {
	nb := &NB{}
	for _, c := range l.Cells {
		nc := NBCell{Type: "markdown", Source: c.Source}
		if c.Code {
			nc.Type = "code"
			switch c.Role {
			case RoleWrong, RoleCheck:
				continue
			case RoleSolution:
				continue // in place of the exercise, below
			case RoleExercise:
				if teacher {
					nc.Source = l.Exercise(c.Name).Solution.Source
				}
			}
			nc.Tags = slices.Clone(c.Tags)
			if !teacher && runsCheck(nc.Source) && !slices.Contains(nc.Tags, TagRaises) {
				nc.Tags = append(nc.Tags, TagRaises)
			}
		}
		nc.ID = fmt.Sprintf("%s-%02d", idSafe(l.Name), len(nb.Cells)+1)
		nb.Cells = append(nb.Cells, nc)
	}
	return nb
}

// runsCheck reports whether a cell has a %check line.
func runsCheck(src string) bool {
	for _, line := range strings.Split(src, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == "%check" {
			return true
		}
	}
	return false
}

// split cuts the Markdown into text cells and code blocks.
func split(md string) ([]Cell, error) {
	var cells []Cell
	var text []string
	flushText := func() {
		s := strings.Trim(strings.Join(text, "\n"), "\n")
		if strings.TrimSpace(s) != "" {
			cells = append(cells, Cell{Source: s})
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
		c, err := parseInfo(strings.TrimSpace(info)[len("go"):])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", fence, err)
		}
		start := i + 1
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
		}
		if i == len(lines) {
			return nil, fmt.Errorf("line %d: go block is not closed with ```", fence)
		}
		c.Code, c.Source, c.Line = true, strings.Join(lines[start:i], "\n"), fence
		cells = append(cells, c)
	}
	flushText()
	return cells, nil
}

// parseInfo reads the words of an info string after "go".
func parseInfo(info string) (Cell, error) {
	var c Cell
	words, err := infoWords(info)
	if err != nil {
		return c, err
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w.key != "":
			if c.Role == "" || !slices.Contains(optionsOf[c.Role], w.key) {
				return c, fmt.Errorf("option %s= on a %s block: only wrong blocks take expect=, check blocks timeout=", w.key, cmpOr(c.Role, "plain"))
			}
			if c.Options == nil {
				c.Options = map[string]string{}
			}
			c.Options[w.key] = w.value
		case w.value == RoleExercise || w.value == RoleSolution || w.value == RoleWrong || w.value == RoleCheck:
			if c.Role != "" {
				return c, fmt.Errorf("%s and %s in one block", c.Role, w.value)
			}
			if i+1 == len(words) || words[i+1].key != "" || !isName(words[i+1].value) {
				return c, fmt.Errorf("%s needs an exercise name: ```go %s NAME", w.value, w.value)
			}
			c.Role, c.Name = w.value, words[i+1].value
			i++
		default:
			c.Tags = append(c.Tags, w.value)
		}
	}
	return c, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// isName reports whether s can name an exercise (and be written after
// %check): letters, digits, '-', '_' and '.'.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

type infoWord struct{ key, value string }

// infoWords splits an info string into words and key="value" options; a
// quoted value may hold spaces and \" or \\.
func infoWords(s string) ([]infoWord, error) {
	var out []infoWord
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return out, nil
		}
		end := strings.IndexAny(s, " \t=")
		if end < 0 || s[end] != '=' {
			if end < 0 {
				end = len(s)
			}
			out = append(out, infoWord{value: s[:end]})
			s = s[end:]
			continue
		}
		key := s[:end]
		s = s[end+1:]
		if !strings.HasPrefix(s, `"`) {
			vend := strings.IndexAny(s, " \t")
			if vend < 0 {
				vend = len(s)
			}
			out = append(out, infoWord{key: key, value: s[:vend]})
			s = s[vend:]
			continue
		}
		var v strings.Builder
		i := 1
		for ; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
			}
			v.WriteByte(s[i])
		}
		if i == len(s) {
			return nil, fmt.Errorf("option %s=: the quoted value is not closed", key)
		}
		out = append(out, infoWord{key: key, value: v.String()})
		s = s[i+1:]
	}
}

func idSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, s)
}
