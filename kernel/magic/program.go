package magic

// A cell as a Go program, for %%run and %%race.
//
// A cell with a package clause is a whole program: it is main.go as it
// stands. Any other cell becomes one the way the kernel runs it: its
// imports and declarations (func, type, const, and var before the first
// statement) at package level, its statements and variable definitions in
// order in func main (in func init when the cell declares main itself: the
// kernel runs a cell's statements before its main). Each statement is
// copied as written, so Go checks it as Go would: an unused variable or a
// trailing value that is not a call is Go's compile error.
//
// What the cell uses from earlier cells (history.go) is added: the latest
// declaration of every name the cell refers to and does not define itself,
// and what those refer to, transitively, with the methods of the types
// added; a variable of an earlier cell is declared with its initialiser (its
// later assignments, statements, do not run). Imports, the cell's and
// earlier cells', are added when the program uses their name: the kernel
// lets a cell import what it does not use, Go does not. Only what is used
// is added, so that an earlier cell that a program cannot compile (a
// gokernel/display call, say) does not break an unrelated one.
//
// Every line of main.go is mapped back to the cell and line it came from
// (program.lines), so that the go command's positions — compile errors,
// race reports, panics — read as In[n]:LINE:COL.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/gokernel/gokernel/kernel/frontend"
)

// origin is where a line of main.go came from.
type origin struct {
	cell  string // "In[3]"; "" for a line the kernel wrote
	line  int    // the cell's line; 0 when unknown
	shift int    // main.go's column minus the cell's column, on this line
}

// program is main.go and where each of its lines came from.
type program struct {
	src     string
	lines   []origin // line i+1 of main.go
	imports []string // import paths, for go.mod's requirements
}

// at maps line l (1-based) of main.go.
func (p *program) at(l int) origin {
	if l < 1 || l > len(p.lines) {
		return origin{}
	}
	return p.lines[l-1]
}

type progWriter struct {
	b     strings.Builder
	lines []origin
}

// kernel writes lines of the kernel's own.
func (w *progWriter) kernel(s string) {
	w.b.WriteString(s)
	for range strings.Count(s, "\n") {
		w.lines = append(w.lines, origin{})
	}
}

// copy writes text, which starts at line:col of cell, at the same column,
// after lead (written first, on the same line).
func (w *progWriter) copy(lead, text, cell string, line, col int) {
	pad := max(col-1-len(lead), 0)
	w.b.WriteString(lead + strings.Repeat(" ", pad) + text + "\n")
	for i := range strings.Count(text, "\n") + 1 {
		o := origin{cell: cell, line: line + i}
		if line == 0 {
			o.line = 0
		}
		if i == 0 {
			o.shift = len(lead) + pad - (col - 1)
		}
		w.lines = append(w.lines, o)
	}
}

// source is one parsed piece of Go and the text it was parsed from.
type source struct {
	c      *frontend.Cell
	text   string
	cell   string
	starts []int // byte offset of each line
	known  bool  // lines are the cell's (false: a restored chunk)
}

func newSource(c *frontend.Cell, text, cell string, known bool) *source {
	s := &source{c: c, text: text, cell: cell, known: known, starts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.starts = append(s.starts, i+1)
		}
	}
	return s
}

// span is the text of [from, to) and where it starts.
func (s *source) span(from, to token.Pos) (text string, line, col int) {
	l0, c0 := s.c.Pos(from)
	l1, c1 := s.c.Pos(to)
	a, b := s.offset(l0, c0), s.offset(l1, c1)
	if a < 0 || b < a {
		return "", 0, 1
	}
	if !s.known {
		l0 = 0
	}
	return s.text[a:b], l0, c0
}

func (s *source) offset(line, col int) int {
	if line < 1 || line > len(s.starts) {
		return -1
	}
	o := s.starts[line-1] + col - 1
	if o > len(s.text) {
		return -1
	}
	return o
}

// decl is one package-level declaration the program may need.
type decl struct {
	src   *source
	node  ast.Node
	names []string // the package-level names it declares; none for a method
	recv  string   // a method's receiver type
	vars  *ast.GenDecl
	order int
}

func (d *decl) emit(w *progWriter) {
	if d.vars != nil && d.vars.Tok == token.VAR && d.isDefine() {
		d.emitDefine(w)
		return
	}
	text, line, col := d.src.span(d.node.Pos(), d.node.End())
	w.copy("", text, d.src.cell, line, col)
}

// isDefine reports whether d is a top-level `x := e` of an earlier cell
// (frontend.Parse gives it as a var declaration without the var keyword).
func (d *decl) isDefine() bool {
	text, _, _ := d.src.span(d.vars.TokPos, d.vars.End())
	kw, rest := strings.HasPrefix(text, "var"), strings.TrimPrefix(text, "var")
	return !kw || rest != "" && (rest[0] == '_' || unicode.IsLetter(rune(rest[0])) || unicode.IsDigit(rune(rest[0])))
}

// emitDefine writes `x, y := e1, e2` as `var x, y = e1, e2`.
func (d *decl) emitDefine(w *progWriter) {
	vs := d.vars.Specs[0].(*ast.ValueSpec)
	names := make([]string, len(vs.Names))
	for i, n := range vs.Names {
		names[i] = n.Name
	}
	text, line, col := d.src.span(vs.Values[0].Pos(), d.vars.End())
	w.copy("var "+strings.Join(names, ", ")+" = ", text, d.src.cell, line, col)
}

// buildProgram turns a cell body (in cell lines: body's line 1 is the
// cell's line first) into a program, with what it needs of hist.
func buildProgram(cell, body string, first int, hist []histCell) (*program, error) {
	padded := strings.Repeat("\n", first-1) + body
	if whole(padded) {
		w := &progWriter{}
		w.copy("", body, cell, first, 1)
		return &program{src: w.b.String(), lines: w.lines, imports: importPaths(padded)}, nil
	}
	c, err := frontend.Parse(padded)
	if err != nil {
		return nil, err
	}
	me := newSource(c, padded, cell, true)

	// The cell's own package-level names, and those its main defines.
	own := map[string]bool{}
	hasMain := false
	for _, d := range c.Decls {
		for _, n := range declNames(d) {
			own[n] = true
		}
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil && f.Name.Name == "main" {
			hasMain = true
		}
	}
	for _, n := range c.Body {
		for _, name := range declNames(n) {
			own[name] = true
		}
	}

	// Earlier cells' declarations, the latest of each name winning.
	var all []*decl
	latest := map[string]*decl{}
	methods := map[string][]*decl{}
	imports := map[string]*ast.ImportSpec{} // name -> spec
	importSrc := map[*ast.ImportSpec]*source{}
	for _, h := range hist {
		for _, text := range h.src {
			hc, err := frontend.Parse(text)
			if err != nil {
				continue
			}
			s := newSource(hc, text, h.cell, h.cell != "")
			for _, im := range hc.Imports {
				name, _ := frontend.ImportName(im)
				if name != "_" && name != "." {
					imports[name], importSrc[im] = im, s
				}
			}
			add := func(n ast.Node, g *ast.GenDecl) {
				d := &decl{src: s, node: n, names: declNames(n), vars: g, order: len(all)}
				if f, ok := n.(*ast.FuncDecl); ok {
					if f.Recv == nil && (f.Name.Name == "main" || f.Name.Name == "init") {
						return // they ran in their cell; a program has its own
					}
					if f.Recv != nil {
						d.recv = recvType(f)
						methods[d.recv] = append(methods[d.recv], d)
					}
				}
				all = append(all, d)
				for _, n := range d.names {
					latest[n] = d
				}
			}
			for _, d := range hc.Decls {
				g, _ := d.(*ast.GenDecl)
				add(d, g)
			}
			for _, n := range hc.Body {
				if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.VAR {
					add(g, g)
				}
			}
		}
	}

	// What the cell needs of them, transitively.
	need := map[*decl]bool{}
	var todo []string
	var cellNodes []ast.Node
	for _, d := range c.Decls {
		cellNodes = append(cellNodes, d)
	}
	cellNodes = append(cellNodes, c.Body...)
	if c.Show != nil {
		cellNodes = append(cellNodes, c.Show)
	}
	for _, n := range cellNodes {
		todo = append(todo, refs(n)...)
	}
	for len(todo) > 0 {
		name := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		d := latest[name]
		if d == nil || own[name] || need[d] {
			continue
		}
		need[d] = true
		todo = append(todo, refs(d.node)...)
		for _, n := range d.names {
			for _, m := range methods[n] {
				if !need[m] {
					need[m] = true
					todo = append(todo, refs(m.node)...)
				}
			}
		}
	}
	var used []*decl
	for _, d := range all {
		if need[d] {
			used = append(used, d)
		}
	}
	sort.SliceStable(used, func(i, j int) bool { return used[i].order < used[j].order })

	// The imports the program uses.
	selected := map[string]bool{}
	for _, n := range cellNodes {
		for _, p := range pkgRefs(n) {
			selected[p] = true
		}
	}
	for _, d := range used {
		for _, p := range pkgRefs(d.node) {
			selected[p] = true
		}
	}
	w := &progWriter{}
	w.kernel("package main\n\n")
	var paths []string
	mine := map[string]bool{}
	for _, im := range c.Imports {
		name, path := frontend.ImportName(im)
		if name == "_" || name == "." || selected[name] && !mine[name] {
			text, line, col := me.span(im.Pos(), im.End())
			w.copy("import ", text, cell, line, col)
			paths = append(paths, path)
			mine[name] = true
		}
	}
	names := make([]string, 0, len(imports))
	for name := range imports {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !selected[name] || mine[name] || own[name] {
			continue
		}
		im := imports[name]
		s := importSrc[im]
		text, line, col := s.span(im.Pos(), im.End())
		w.copy("import ", text, s.cell, line, col)
		_, path := frontend.ImportName(im)
		paths = append(paths, path)
	}
	w.kernel("\n")
	for _, d := range used {
		d.emit(w)
	}
	for _, d := range c.Decls {
		text, line, col := me.span(d.Pos(), d.End())
		w.copy("", text, cell, line, col)
	}
	if hasMain {
		w.kernel("\nfunc init() {\n")
	} else {
		w.kernel("\nfunc main() {\n")
	}
	for _, n := range c.Body {
		text, line, col := me.span(n.Pos(), n.End())
		w.copy("", text, cell, line, col)
	}
	if c.Show != nil {
		text, line, col := me.span(c.Show.Pos(), c.Show.End())
		w.copy("", text, cell, line, col)
	}
	w.kernel("}\n")
	return &program{src: w.b.String(), lines: w.lines, imports: paths}, nil
}

// whole reports whether src is a Go file of its own: it has a package
// clause (the kernel's cells need none).
func whole(src string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.PackageClauseOnly)
	return err == nil && f.Name != nil
}

func importPaths(src string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, im := range f.Imports {
		if p, err := strconv.Unquote(im.Path.Value); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// declNames are the package-level names a declaration declares.
func declNames(n ast.Node) []string {
	var out []string
	switch d := n.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			out = append(out, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.Name != "_" {
						out = append(out, n.Name)
					}
				}
			case *ast.TypeSpec:
				out = append(out, s.Name.Name)
			}
		}
	}
	return out
}

// recvType is the name of a method's receiver type: T for (t T), (t *T),
// (t T[K]).
func recvType(f *ast.FuncDecl) string {
	if len(f.Recv.List) == 0 {
		return ""
	}
	x := f.Recv.List[0].Type
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.IndexListExpr:
			x = t.X
		case *ast.ParenExpr:
			x = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// refs are the identifiers n mentions, but for the names selected from
// something (x.Name): a superset of the package-level names it uses.
func refs(n ast.Node) []string {
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			out = append(out, refs(n.X)...)
			return false
		case *ast.Ident:
			out = append(out, n.Name)
		}
		return true
	})
	return out
}

// pkgRefs are the names n selects from (pkg in pkg.Name): the imports it
// may use.
func pkgRefs(n ast.Node) []string {
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok {
				out = append(out, id.Name)
			}
		}
		return true
	})
	return out
}
