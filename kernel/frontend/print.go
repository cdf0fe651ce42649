package frontend

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"strconv"
	"strings"
)

// printer.SourcePos writes a //line directive wherever the output's line
// differs from the node's line in the synthetic "cell" file. The directives
// are not left in the chunk: finish turns them into a line table.
//
// yaegi behaviour answered: yaegi v0.16.1 resolves a package name under the
// file name of the code's position, and registers imports under the file
// name of a chunk's start. A //line directive after a chunk's first line
// changes the file name of what follows (the first one never counts: yaegi
// prepends "package main;" to the chunk, putting it in mid-line), so a chunk
// with several directives miscompiled: "incomplete type sync" for a type
// from an import, "undefined type" for fmt.Println(color.RGBA{…}).
var cfg = printer.Config{Mode: printer.SourcePos, Tabwidth: 8}

func (c *Cell) print(buf *bytes.Buffer, n any) {
	if err := cfg.Fprint(buf, c.Fset, n); err != nil {
		buf.WriteString("/* print error: " + err.Error() + " */")
	}
	buf.WriteString("\n")
}

// LineTable is the comment that ends every printed chunk: the synthetic
// cell line of each of the chunk's lines, 0 for a line the kernel made up.
const LineTable = "//gk:lines "

// finish removes the //line directives from printed code and appends the
// line table they describe.
func finish(buf *bytes.Buffer) string {
	var out strings.Builder
	var table []string
	cur := 0
	for _, l := range strings.SplitAfter(buf.String(), "\n") {
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "//line ") { // never left in a chunk
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(l, "//line cell:")))
			if err != nil {
				n = 0 // a position the kernel made up: unknown until the next
			}
			cur = n
			continue
		}
		out.WriteString(l)
		table = append(table, strconv.Itoa(cur))
		if cur > 0 {
			cur++
		}
	}
	out.WriteString(LineTable + strings.Join(table, ",") + "\n")
	return out.String()
}

// ChunkLine is the synthetic cell line of line l (1-based) of a printed
// chunk, from its line table; 0 when unknown.
func ChunkLine(chunk string, l int) int {
	i := strings.LastIndex(chunk, LineTable)
	if i < 0 {
		return 0
	}
	rest, _, _ := strings.Cut(chunk[i+len(LineTable):], "\n")
	lines := strings.Split(rest, ",")
	if l < 1 || l > len(lines) {
		return 0
	}
	n, _ := strconv.Atoi(lines[l-1])
	return n
}

// PrintDecls renders the cell's hoisted declarations.
func (c *Cell) PrintDecls() string {
	var buf bytes.Buffer
	for _, d := range c.Decls {
		c.print(&buf, d)
	}
	return finish(&buf)
}

// PrintNode renders one node (a declaration or statement).
func (c *Cell) PrintNode(n ast.Node) string {
	var buf bytes.Buffer
	c.print(&buf, n)
	return finish(&buf)
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

// Text renders a node as plain source: no line table, so that the same
// definition on another line of another cell prints the same.
func (c *Cell) Text(n ast.Node) string {
	var buf bytes.Buffer
	if err := (&printer.Config{Tabwidth: 8}).Fprint(&buf, c.Fset, n); err != nil {
		return "/* print error: " + err.Error() + " */"
	}
	return buf.String()
}

// Pos returns the cell line and column of p.
func (c *Cell) Pos(p token.Pos) (line, col int) { return posOf(c.Fset, p) }
