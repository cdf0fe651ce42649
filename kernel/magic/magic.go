// Package magic runs IPython-style magics and shell lines in the worker,
// around the Go code of a cell.
//
// Syntax, as in IPython:
//   - a line magic is a whole line "%name args"; it may stand anywhere in a
//     cell, between Go statements, but only where a Go statement could
//     start (not inside an open bracket or after a trailing operator);
//   - a shell line is a whole line "!command", run with /bin/sh -c; same
//     placement rule;
//   - a cell magic "%%name args" must be the first line; the rest of the
//     cell is its body;
//   - "name?" alone in a cell shows the documentation of name (a "page"
//     payload, as ipykernel does for "?").
//
// The pieces of a cell run in order: Go code between magic lines runs as
// one cell each (imports, declarations and variables it defines are seen by
// the following pieces and later cells; line numbers in errors stay those
// of the whole cell); the first error stops the cell. Only the last piece
// gives the cell's Out value. A cell without magic lines runs exactly as
// before (engine.Execute).
//
// The magics are the entries of the registry (registry.go), which %help
// lists; each file holds the magics of one job (timing.go, session.go,
// shell.go, goroutines.go, help.go; the scheduler tools: timeline.go for
// %%timeline, watch.go for %goroutines --watch, gorun.go for %%run and
// %%race with program.go and history.go, which turn a cell and what it
// uses of earlier cells into a Go program; check.go for %check, a lesson
// exercise's hidden test). An unknown magic is an error
// that names %help, or the magic's other kind when it has one.
//
// %reset cannot be done by the worker alone: Run returns Result.Reset and
// the worker asks the supervisor (ipc.Event.Reset) for a fresh worker with
// nothing restored. It must be the only line of its cell.
package magic

import (
	"go/scanner"
	"go/token"
	"strings"
)

// pieceKind says what a piece of a cell is.
type pieceKind int

const (
	pieceGo    pieceKind = iota // Go source
	pieceLine                   // %name args
	pieceShell                  // !command
	pieceCell                   // %%name args, Body is the rest of the cell
	pieceHelp                   // name? : Args is the name
)

// piece is one part of a cell.
type piece struct {
	Kind pieceKind
	Name string // magic name without %; Shell: the command
	Args string
	Body string // Go: the code; Cell: the cell body
	Line int    // 0-based line of the cell where the piece starts
}

// parse splits a cell into pieces. It returns nil when the cell has no
// magic at all, so the caller runs it as plain Go.
func parse(code string) []piece {
	lines := strings.Split(code, "\n")
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first == len(lines) {
		return nil
	}
	head := strings.TrimSpace(lines[first])
	if strings.HasPrefix(head, "%%") {
		name, args := splitName(head[2:])
		return []piece{{Kind: pieceCell, Name: name, Args: args, Body: strings.Join(lines[first+1:], "\n"), Line: first}}
	}
	if help, ok := helpQuery(code); ok {
		return []piece{{Kind: pieceHelp, Args: help, Line: first}}
	}
	var pieces []piece
	var goLines []string
	goStart := 0
	flush := func(at int) {
		if strings.TrimSpace(strings.Join(goLines, "\n")) != "" {
			pieces = append(pieces, piece{Kind: pieceGo, Body: strings.Join(goLines, "\n"), Line: goStart})
		}
		goLines, goStart = nil, at+1
	}
	magic := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if (strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!")) && statementStart(strings.Join(goLines, "\n")) {
			flush(i)
			magic = true
			if t[0] == '!' {
				pieces = append(pieces, piece{Kind: pieceShell, Name: strings.TrimSpace(t[1:]), Line: i})
			} else {
				name, args := splitName(t[1:])
				pieces = append(pieces, piece{Kind: pieceLine, Name: name, Args: args, Line: i})
			}
			continue
		}
		goLines = append(goLines, l)
	}
	if !magic {
		return nil
	}
	flush(len(lines))
	return pieces
}

func splitName(s string) (name, args string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i+1:])
}

// helpQuery recognises a cell that is only "name?" or "pkg.Name?" (or with
// "??").
func helpQuery(code string) (string, bool) {
	t := strings.TrimSpace(code)
	if strings.Contains(t, "\n") || !strings.HasSuffix(t, "?") {
		return "", false
	}
	name := strings.TrimRight(t, "?")
	if name == "" {
		return "", false
	}
	for _, r := range name {
		if !(r == '.' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127) {
			return "", false
		}
	}
	return name, true
}

// statementStart reports whether a top-level statement may start after
// src: no bracket or brace is open and src does not end in an operator or a
// comma (so that "a &&\n!b" keeps its "!b" line as Go).
func statementStart(src string) bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	depth := 0
	last := token.SEMICOLON
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if tok == token.SEMICOLON && lit == "\n" && last != token.SEMICOLON {
			last = token.SEMICOLON
			continue
		}
		last = tok
	}
	if depth > 0 {
		return false
	}
	switch last {
	case token.SEMICOLON, token.RBRACE:
		return true
	}
	return false
}
