package frontend

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// passSites records, before any other pass changes the cell, what a stack
// trace needs to name the student's code as Go does (Cell.Sites):
//
//   - every function of the cell with Go's name for it — "main.f",
//     "main.(*T).M", "main.main" for func main and for the cell's own
//     statements, "main.f.func1" and "main.f.func1.1" for function literals,
//     numbered in source order as the Go compiler numbers them — and the
//     lines its body spans;
//   - in each, the places a panic can come from, by kind (SiteKind), and the
//     calls it makes, by the name called.
//
// No rewrite: the engine reads the table when a panic unwinds (trace.go).
//
// yaegi behaviour answered: when a panic unwinds an interpreted function,
// yaegi prints "L:C: panic: main.f(...)" with the position of the first
// node of f's body, not of the statement that panicked or of the call in
// progress, and names every function literal "main.f.func". With the table,
// the frame's function is the one whose body holds that first node, and its
// line is the one place in it that can raise this panic (or make the call
// the inner frame is): exact when there is one such place, else the first.
func passSites(c *Cell, env Env) error {
	s := &Sites{}
	for _, d := range c.Decls {
		f, ok := d.(*ast.FuncDecl)
		if !ok || f.Body == nil {
			continue
		}
		s.Funcs = append(s.Funcs, c.funcSites(goFuncName(f), f.Name.Name, f.Body))
	}
	var stmts []ast.Stmt
	var cellBody *ast.BlockStmt
	for _, n := range c.Body {
		if st, ok := n.(ast.Stmt); ok {
			stmts = append(stmts, st)
		}
	}
	if c.Show != nil {
		stmts = append(stmts, &ast.ExprStmt{X: c.Show})
	}
	if len(stmts) > 0 {
		cellBody = &ast.BlockStmt{List: stmts, Lbrace: stmts[0].Pos(), Rbrace: stmts[len(stmts)-1].End()}
		s.Body = c.funcSites("main.main", "", cellBody)
	}
	s.Wait = map[ast.Node]string{}
	cell := env.Cell
	if cell == "" {
		cell = "In[?]"
	}
	var walk func(fs *FuncSites, body ast.Node)
	walk = func(fs *FuncSites, body ast.Node) {
		nlit := 0
		ast.Inspect(body, func(n ast.Node) bool {
			if n == nil {
				return false
			}
			if lit, ok := n.(*ast.FuncLit); ok && lit.Body != body {
				if nlit < len(fs.Lits) {
					walk(fs.Lits[nlit], lit.Body)
				}
				nlit++
				return false
			}
			if why, ok := waitsAt(n); ok {
				l, _ := c.Pos(n.Pos())
				s.Wait[n] = fmt.Sprintf("%s\t%s\t%s:%d", why, fs.Name, cell, l)
			}
			return true
		})
	}
	i := 0
	for _, d := range c.Decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Body != nil {
			walk(s.Funcs[i], f.Body)
			i++
		}
	}
	if s.Body != nil {
		walk(s.Body, cellBody)
	}
	c.Sites = s
	return nil
}

// waitsAt reports whether statement n can wait for another goroutine, and
// the reason Go gives when the runtime's would be wrong ("" when it is
// right).
func waitsAt(n ast.Node) (string, bool) {
	isRecv := func(x ast.Expr) bool {
		u, ok := ast.Unparen(x).(*ast.UnaryExpr)
		return ok && u.Op == token.ARROW
	}
	switch n := n.(type) {
	case *ast.SendStmt:
		return "chan send", true
	case *ast.ExprStmt:
		if isRecv(n.X) {
			return "chan receive", true
		}
		if call, ok := n.X.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if waitCalls[sel.Sel.Name] {
					return "", true
				}
			}
		}
	case *ast.AssignStmt:
		if len(n.Rhs) == 1 && isRecv(n.Rhs[0]) {
			return "chan receive", true
		}
	case *ast.SelectStmt:
		if len(n.Body.List) == 0 {
			return "select (no cases)", true
		}
		return "select", true
	case *ast.RangeStmt:
		return "", true
	}
	return "", false
}

// Sites is what passSites records about a cell.
type Sites struct {
	Funcs []*FuncSites // the cell's func and method declarations
	Body  *FuncSites   // the cell's statements (named main.main); nil if none
	// Wait is, for each statement that can wait for another goroutine, its
	// site as package sched reads it: "reason\tfunction\tIn[n]:line".
	Wait map[ast.Node]string
}

// FuncSites is one function of a cell.
type FuncSites struct {
	Name       string // Go's name: "main.f", "main.(*T).M", "main.f.func1"
	Decl       string // the declared name ("f", "M"); "" for literals and the cell's statements
	Start, End int    // cell lines of the body's braces
	Sites      []Site // in source order, not those of nested literals
	Lits       []*FuncSites
}

// Site is a place in a function that can panic or calls something.
type Site struct {
	Line int
	Kind SiteKind
	Name string // SiteCall: the name called ("f", "Unlock"); "" for a call of a literal
}

// SiteKind is what can happen at a Site.
type SiteKind int

const (
	SiteCall      SiteKind = iota // a call (of a function, a method, a literal)
	SitePanic                     // panic(...)
	SiteIndex                     // x[i] (an index or a map)
	SiteSlice                     // x[i:j]
	SiteMapAssign                 // x[k] = v, x[k]++, x[k] op= v
	SiteDivide                    // x / y, x % y
	SiteDeref                     // *p, p.f
	SiteAssert                    // x.(T)
	SiteClose                     // close(ch)
	SiteSend                      // ch <- v
)

// goFuncName is the name Go gives a declared function in its stack traces.
func goFuncName(f *ast.FuncDecl) string {
	name := f.Name.Name
	if name == MainName {
		name = "main"
	}
	if f.Recv == nil || len(f.Recv.List) == 0 {
		return "main." + name
	}
	t := f.Recv.List[0].Type
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = true, s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	recv := fmt.Sprint(t)
	if id, ok := t.(*ast.Ident); ok {
		recv = id.Name
	}
	if star {
		return "main.(*" + recv + ")." + name
	}
	return "main." + recv + "." + name
}

// funcSites builds the table of one function body; nested function literals
// get their own, named after it as Go names them.
func (c *Cell) funcSites(name, decl string, body *ast.BlockStmt) *FuncSites {
	fs := &FuncSites{Name: name, Decl: decl}
	fs.Start, _ = c.Pos(body.Lbrace)
	fs.End, _ = c.Pos(body.Rbrace)
	add := func(p token.Pos, k SiteKind, n string) {
		if l, _ := c.Pos(p); l > 0 {
			fs.Sites = append(fs.Sites, Site{Line: l, Kind: k, Name: n})
		}
	}
	nlit := 0
	safe := map[ast.Expr]bool{} // v, ok := x.(T) and v, ok := m[k] cannot panic
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			nlit++
			sub := fmt.Sprintf("%s.func%d", name, nlit)
			if strings.Contains(name, ".func") {
				sub = fmt.Sprintf("%s.%d", name, nlit) // Go: main.f.func1.1
			}
			fs.Lits = append(fs.Lits, c.funcSites(sub, "", n.Body))
			return false
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				safe[ast.Unparen(n.Rhs[0])] = true
			}
			for _, l := range n.Lhs {
				if ix, ok := l.(*ast.IndexExpr); ok {
					add(ix.Lbrack, SiteMapAssign, "")
				}
			}
			if n.Tok == token.QUO_ASSIGN || n.Tok == token.REM_ASSIGN {
				add(n.TokPos, SiteDivide, "")
			}
		case *ast.IncDecStmt:
			if ix, ok := n.X.(*ast.IndexExpr); ok {
				add(ix.Lbrack, SiteMapAssign, "")
			}
		case *ast.CallExpr:
			switch fn := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				switch fn.Name {
				case "panic":
					add(n.Lparen, SitePanic, "")
				case "close":
					add(n.Lparen, SiteClose, "")
				default:
					add(n.Lparen, SiteCall, fn.Name)
				}
			case *ast.SelectorExpr:
				add(n.Lparen, SiteCall, fn.Sel.Name)
			default:
				add(n.Lparen, SiteCall, "")
			}
		case *ast.IndexExpr:
			if !safe[n] {
				add(n.Lbrack, SiteIndex, "")
			}
		case *ast.SliceExpr:
			add(n.Lbrack, SiteSlice, "")
		case *ast.BinaryExpr:
			if n.Op == token.QUO || n.Op == token.REM {
				add(n.OpPos, SiteDivide, "")
			}
		case *ast.StarExpr:
			add(n.Star, SiteDeref, "")
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); !ok || !c.isImport(x.Name) {
				add(n.Sel.Pos(), SiteDeref, "")
			}
		case *ast.TypeAssertExpr:
			if n.Type != nil && !safe[n] {
				add(n.Lparen, SiteAssert, "")
			}
		case *ast.SendStmt:
			add(n.Arrow, SiteSend, "")
		}
		return true
	})
	return fs
}

func (c *Cell) isImport(name string) bool {
	_, ok := c.importNames()[name]
	return ok
}

// Lit is the innermost function literal of fs (fs itself if none) whose
// body spans cell line l.
func (fs *FuncSites) Lit(l int) *FuncSites {
	for _, sub := range fs.Lits {
		if l >= sub.Start && l <= sub.End {
			return sub.Lit(l)
		}
	}
	return fs
}

// Line is the line of the last site of fs that ok accepts, 0 if none: when
// several places could have panicked, the one furthest in the function is
// the likeliest (the ones before it usually ran already).
func (fs *FuncSites) Line(ok func(Site) bool) int {
	for i := len(fs.Sites) - 1; i >= 0; i-- {
		if ok(fs.Sites[i]) {
			return fs.Sites[i].Line
		}
	}
	return 0
}
