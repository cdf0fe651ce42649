package frontend

import (
	"fmt"
	"go/scanner"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// Error is a problem found in a cell, positioned in the cell's own
// coordinates (1-based line and column; 0 when unknown).
type Error struct {
	Kind      string // "syntax error", "compile error", "unsupported"
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("cell:%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	return e.Msg
}

// Traceback renders the error as Go does, followed by the offending source
// line and a caret under the column.
func (e *Error) Traceback(src string) []string {
	tb := []string{e.Error()}
	lines := strings.Split(src, "\n")
	if e.Line >= 1 && e.Line <= len(lines) {
		line := strings.ReplaceAll(lines[e.Line-1], "\t", "    ")
		tb = append(tb, "    "+line)
		col := e.Col
		if col < 1 {
			col = 1
		}
		// Account for tabs expanded above.
		prefix := lines[e.Line-1]
		if col-1 <= len(prefix) {
			prefix = prefix[:col-1]
		}
		w := len(strings.ReplaceAll(prefix, "\t", "    "))
		tb = append(tb, "    "+strings.Repeat(" ", w)+"^")
	}
	return tb
}

// lineOffset is how many synthetic lines precede the cell in every file the
// front-end parses or prints (the package clause and the wrapper line).
const lineOffset = 1

// CellLine converts a line of a synthetic "cell" file to the cell's line.
func CellLine(l int) int { return l - lineOffset }

// errorsFrom turns go/scanner errors into *Error values (first one wins).
func errorsFrom(err error, kind string) *Error {
	if el, ok := err.(scanner.ErrorList); ok && len(el) > 0 {
		p := el[0].Pos
		return &Error{Kind: kind, Line: CellLine(p.Line), Col: p.Column, Msg: el[0].Msg}
	}
	return &Error{Kind: kind, Msg: err.Error()}
}

var posRE = regexp.MustCompile(`(?:^|\s|: )cell:(\d+):(?:(\d+):)? `)

// FromInterpreter turns an interpreter message into an *Error, taking the
// first "cell:L: " or "cell:L:C: " position in it (L a line of the synthetic
// cell file) as the position. yaegi prefixes its messages with the position
// of the node at fault in the chunk; the engine rewrites those as "cell:L: "
// through the chunk's line table (see ChunkLine). Only the first line of a
// message is kept.
func FromInterpreter(msg, kind string) *Error {
	msg = strings.TrimSpace(msg)
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i]
	}
	if m := posRE.FindStringSubmatchIndex(msg); m != nil {
		l, _ := strconv.Atoi(msg[m[2]:m[3]])
		c := 0
		if m[4] >= 0 {
			c, _ = strconv.Atoi(msg[m[4]:m[5]])
		}
		rest := msg[m[1]:]
		// Nested positions ("cell:3:1: cell:3:5: ...") keep the innermost.
		for {
			mm := posRE.FindStringSubmatchIndex(rest)
			if mm == nil || mm[0] != 0 {
				break
			}
			l, _ = strconv.Atoi(rest[mm[2]:mm[3]])
			c = 0
			if mm[4] >= 0 {
				c, _ = strconv.Atoi(rest[mm[4]:mm[5]])
			}
			rest = rest[mm[1]:]
		}
		return &Error{Kind: kind, Line: CellLine(l), Col: c, Msg: cleanMsg(rest)}
	}
	// A position in a chunk without a line table (the kernel's own calls,
	// such as the one that runs a cell's generated function) says nothing
	// about the cell.
	msg = regexp.MustCompile(`^(_\.go:)?\d+:\d+: `).ReplaceAllString(msg, "")
	return &Error{Kind: kind, Msg: cleanMsg(msg)}
}

// FindColumn fills in a missing column: the engine maps only the line of a
// position in a printed chunk back to the cell (the chunk's column is the
// printer's, not the student's), so messages about printed code say
// "cell:L: msg". The column is that of the name the message ends with
// ("undefined: x") on that line of src, else the line's first non-blank
// character.
func (e *Error) FindColumn(src string) {
	if e.Col > 0 || e.Line < 1 {
		return
	}
	lines := strings.Split(src, "\n")
	if e.Line > len(lines) {
		return
	}
	line := lines[e.Line-1]
	if i := strings.LastIndex(e.Msg, ": "); i >= 0 {
		name := strings.TrimSpace(e.Msg[i+2:])
		if identRE.MatchString(name) {
			if j := wordIndex(line, name); j >= 0 {
				e.Col = j + 1
				return
			}
		}
	}
	e.Col = len(line) - len(strings.TrimLeft(line, " \t")) + 1
}

var identRE = regexp.MustCompile(`^[\pL_][\pL\pN_.]*$`)

// wordIndex finds name in line as a whole word.
func wordIndex(line, name string) int {
	for off := 0; ; {
		j := strings.Index(line[off:], name)
		if j < 0 {
			return -1
		}
		j += off
		before := j == 0 || !isWord(line[j-1])
		after := j+len(name) >= len(line) || !isWord(line[j+len(name)])
		if before && after {
			return j
		}
		off = j + 1
	}
}

func isWord(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// cleanMsg removes the kernel's generated names from a message.
func cleanMsg(s string) string {
	s = strings.ReplaceAll(s, MainName, "main")
	return s
}

func posOf(fset *token.FileSet, p token.Pos) (int, int) {
	if !p.IsValid() {
		return 0, 0
	}
	pp := fset.PositionFor(p, false)
	return CellLine(pp.Line), pp.Column
}
