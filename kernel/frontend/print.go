package frontend

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"strconv"
	"strings"
)

// printer.SourcePos writes //line directives wherever the output's line
// differs from the node's line in the synthetic "cell" files, so positions
// in the interpreter's messages map back to the cell (less lineOffset).
var cfg = printer.Config{Mode: printer.SourcePos, Tabwidth: 8}

func (c *Cell) print(buf *bytes.Buffer, n any) {
	var b bytes.Buffer
	if err := cfg.Fprint(&b, c.Fset, n); err != nil {
		b.WriteString("/* print error: " + err.Error() + " */")
	}
	b.WriteString("\n")
	buf.WriteString(padLines(b.String(), buf.String()))
}

// padLines replaces //line directives after the first by blank lines where
// it can (the target line is ahead) and drops them where it cannot. yaegi v0.16.1 miscompiles a chunk with
// several //line directives ("incomplete type sync" for a type from an
// import), measured with a struct type, a method and a function in one
// chunk; one directive at the top is fine. prev is what the chunk already
// holds, so the line count continues across calls.
func padLines(out, prev string) string {
	cur := 0 // line number the next output line will have; 0 = unknown
	if prev != "" {
		cur = lineAfter(prev)
	}
	var b strings.Builder
	for _, l := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(l, "//line cell:") {
			n, err := strconv.Atoi(strings.TrimSpace(l[len("//line cell:"):]))
			if err == nil && cur > 0 && n >= cur {
				b.WriteString(strings.Repeat("\n", n-cur))
				cur = n
				continue
			}
			if err == nil && cur == 0 {
				b.WriteString(l)
				cur = n
				continue
			}
			if err == nil {
				continue // going back: drop it; later positions drift a little
			}
		}
		b.WriteString(l)
		if cur > 0 && strings.HasSuffix(l, "\n") {
			cur++
		}
	}
	return b.String()
}

// lineAfter returns the line number the line after s will have, following
// the //line directives in s (0 when s has none).
func lineAfter(s string) int {
	cur := 0
	for _, l := range strings.SplitAfter(s, "\n") {
		if !strings.HasSuffix(l, "\n") {
			break
		}
		if strings.HasPrefix(l, "//line cell:") {
			if n, err := strconv.Atoi(strings.TrimSpace(l[len("//line cell:"):])); err == nil {
				cur = n
				continue
			}
		}
		if cur > 0 {
			cur++
		}
	}
	return cur
}

// PrintDecls renders the cell's hoisted declarations.
func (c *Cell) PrintDecls() string {
	var buf bytes.Buffer
	for _, d := range c.Decls {
		c.print(&buf, d)
	}
	return buf.String()
}

// PrintNode renders one node (a declaration or statement).
func (c *Cell) PrintNode(n ast.Node) string {
	var buf bytes.Buffer
	c.print(&buf, n)
	return buf.String()
}

// PrintFunc renders statements as `func name() { stmts }`.
func (c *Cell) PrintFunc(name string, stmts []ast.Stmt) string {
	fd := &ast.FuncDecl{Name: id(name), Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: stmts}}
	return c.PrintNode(fd)
}

// PrintCall renders `fn(x)`.
func (c *Cell) PrintCall(fn string, x ast.Expr) string {
	return c.PrintNode(&ast.CallExpr{Fun: &ast.Ident{Name: fn, NamePos: x.Pos()}, Args: []ast.Expr{x}})
}

// Pos returns the cell line and column of p.
func (c *Cell) Pos(p token.Pos) (line, col int) { return posOf(c.Fset, p) }
