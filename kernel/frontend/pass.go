package frontend

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
)

// Env is what the passes may ask about the interpreter's state from earlier
// cells. Nil functions mean "unknown".
type Env struct {
	// Kind is the reflect.Kind of a package-level variable defined by an
	// earlier cell, or reflect.Invalid when unknown.
	Kind func(name string) reflect.Kind
	// Defined reports whether an earlier cell declared name at top level
	// (so that a user's own min or println is not rewritten).
	Defined func(name string) bool
	// Cell names the cell in positions the kernel prints ("In[3]"); "" when
	// unknown.
	Cell string
	// Types is the session's type checking (types.go), which also holds
	// the values pass's static types (values_types.go); nil: cells are not
	// type-checked and the passes that need types change nothing.
	Types *Session
}

// A pass rewrites a cell's AST before the interpreter sees it. Each pass lives
// in its own file, whose doc comment names the yaegi behaviour it answers.
type pass struct {
	Name string
	Run  func(c *Cell, env Env) error
}

// passes run in this order. Rewrite type-checks the cell before any pass;
// values reads the types of printed expressions by their nodes, so it comes
// before any pass that replaces them; namedresults comes first after main,
// so that it zeroes the results of the functions the cell wrote, before
// other passes move their bodies; goroutines
// comes after loopvar, so it wraps the final closures, and before
// closurearg, which hoists the closure it hands to compiled code; interrupt
// comes late so that it sees every loop and select the other passes
// produced; bounds comes right after values and sites, so that it sees the
// cell's own loops and the nodes the checker typed.
var passes = []pass{
	{"main", passMain},
	{"namedresults", passNamedResults},
	{"values", passValues},
	{"voidshow", passVoidShow},
	{"sites", passSites},
	{"bounds", passBounds},
	{"methods", passMethods},
	{"errors", passErrors},
	{"ifaces", passIfaces},
	{"methodorder", passMethodOrder},
	{"varorder", passVarOrder},
	{"generics", passGenerics},
	{"vartypes", passVarTypes},
	{"rangefunc", passRangeFunc},
	{"rangeint", passRangeInt},
	{"rangechan", passRangeChanElems},
	{"selectassign", passSelectAssign},
	{"loopvar", passLoopVar},
	{"loopframe", passLoopFrame},
	{"goroutines", passGoroutines},
	{"closurearg", passClosureArg},
	{"deferargs", passDeferArgs},
	{"interrupt", passInterrupt},
	{"builtins", passBuiltins},
	{"recover", passRecover},
}

// Rewrite type-checks the cell (when env.Types is set), then runs every
// pass over it.
func Rewrite(c *Cell, env Env) error {
	if s := env.Types; s != nil && literalsOnly(c) {
		c.lateCheck = func() { s.checkCell(c) }
	} else {
		env.Types.checkCell(c)
	}
	for _, p := range passes {
		if err := p.Run(c, env); err != nil {
			return err
		}
	}
	return nil
}

// tmp returns a fresh name for a generated variable.
func (c *Cell) tmp(base string) string {
	c.ntmp++
	return fmt.Sprintf("%s_%s%d", Reserved, base, c.ntmp)
}

// eachStmt calls f on every statement in every statement list of the cell,
// innermost lists first, and replaces the statement by what f returns. The
// cell's own body (top level) is included; top-level variable definitions
// are walked into but not passed to f.
func (c *Cell) eachStmt(f func(ast.Stmt) []ast.Stmt) {
	for _, d := range c.Decls {
		rewriteLists(d, f)
	}
	var body []ast.Node
	for _, n := range c.Body {
		rewriteLists(n, f)
		if s, ok := n.(ast.Stmt); ok {
			for _, r := range f(s) {
				body = append(body, r)
			}
			continue
		}
		body = append(body, n)
	}
	c.Body = body
	if c.Show != nil {
		rewriteLists(c.Show, f)
	}
}

func rewriteLists(root ast.Node, f func(ast.Stmt) []ast.Stmt) {
	var lists []*[]ast.Stmt
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			lists = append(lists, &n.List)
		case *ast.CaseClause:
			lists = append(lists, &n.Body)
		case *ast.CommClause:
			lists = append(lists, &n.Body)
		}
		return true
	})
	for i := len(lists) - 1; i >= 0; i-- {
		var out []ast.Stmt
		for _, s := range *lists[i] {
			out = append(out, f(s)...)
		}
		*lists[i] = out
	}
}

// allNodes visits every node of the cell.
func (c *Cell) allNodes(f func(ast.Node) bool) {
	for _, d := range c.Decls {
		ast.Inspect(d, f)
	}
	for _, n := range c.Body {
		ast.Inspect(n, f)
	}
	if c.Show != nil {
		ast.Inspect(c.Show, f)
	}
}

// unlabel splits a possibly labeled statement.
func unlabel(s ast.Stmt) (*ast.LabeledStmt, ast.Stmt) {
	if l, ok := s.(*ast.LabeledStmt); ok {
		return l, l.Stmt
	}
	return nil, s
}

func relabel(l *ast.LabeledStmt, s ast.Stmt) ast.Stmt {
	if l == nil {
		return s
	}
	l.Stmt = s
	return l
}

func id(name string) *ast.Ident { return ast.NewIdent(name) }

func define(lhs []ast.Expr, rhs []ast.Expr) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: rhs}
}

func assign(lhs []ast.Expr, rhs []ast.Expr) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, Rhs: rhs}
}

// DeclaresAtTop reports whether the cell itself declares name at top level.
func (c *Cell) DeclaresAtTop(name string) bool {
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == name {
				return true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.Name == name {
							return true
						}
					}
				case *ast.TypeSpec:
					if s.Name.Name == name {
						return true
					}
				}
			}
		}
	}
	for _, n := range c.Body {
		if g, ok := n.(*ast.GenDecl); ok {
			for _, s := range g.Specs {
				for _, nm := range s.(*ast.ValueSpec).Names {
					if nm.Name == name {
						return true
					}
				}
			}
		}
	}
	return false
}

// literalsOnly reports whether the cell is one trailing expression of
// literals and operators (1, 2 * 3.5, "hi"), with nothing else.
func literalsOnly(c *Cell) bool {
	return len(c.Imports) == 0 && len(c.Decls) == 0 && len(c.Body) == 0 && c.Show != nil && !mentionsNames(c.Show)
}
