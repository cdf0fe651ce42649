package frontend

// The static types of a session's cells, for the values pass: the session's
// one type check of each cell (types.go) gives them.
//
// yaegi behaviour answered: an interpreted type has no run-time identity of
// its own. reflect sees `type Celsius float64` as float64 and gives
// `type Point struct{ X, Y int }`, `type Vec struct{ X, Y int }` and the
// literal `struct{ X, Y int }` one and the same reflect type (measured on
// v0.16.1), so no look-up by value can name a value's type or find its
// methods. Static types can: the front-end sees every declaration, and
// go/types, given them, types every expression of a cell.
//
// This file holds what the values pass keeps in the Session for the
// run-time side (the printer reads it from any goroutine): the sites, the
// last check's package, the variables' types and the registrations. The
// declarations themselves are the checker's (Session.decls), committed as
// the engine defines them.

import (
	"go/ast"
	"go/token"
	"go/types"
)

// UserPkg is the path and name of the package cells are checked as: a named
// type whose package has this path was declared by a cell.
const UserPkg = "main"

// A ValueSite is what the values pass knows about one rewritten call: the static
// type of each argument the runtime formats (nil when unknown), and whether
// the call spreads a slice (f(xs...), whose elements all have Args' last
// type). Boxed arguments were passed as a one-element slice of their
// interface type, which keeps the interpreter's record of the dynamic type.
type ValueSite struct {
	Args   []types.Type
	Boxed  []bool
	Spread bool
}

// values is what the values pass keeps in the session for its run-time
// side, which reads it from any goroutine (Session.mu held): the sites, the
// trailing values' sites, the registrations of the session's types and the
// types of its variables.
type values struct {
	varTypes   map[string]types.Type // package-level variable -> type, when known
	registered map[string]string     // user type -> methods registered (methodKey)
	userTypes  bool                  // some cell declared a type
	latest     *types.Package        // the last check's package
	sites      []ValueSite
	show       map[*Cell]int  // a cell's trailing value -> its site
	sprint     map[*Cell]bool // a trailing value yaegi's fmt formats (ShowSprint)
}

func newValues() values {
	return values{varTypes: map[string]types.Type{}, registered: map[string]string{}, show: map[*Cell]int{}}
}

// Site returns the site with that id; ok is false for an unknown id.
func (s *Session) Site(id int) (ValueSite, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id < 0 || id >= len(s.sites) {
		return ValueSite{}, false
	}
	return s.sites[id], true
}

func (s *Session) addSite(site ValueSite) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sites = append(s.sites, site)
	return len(s.sites) - 1
}

// ShowSite is the site of the cell's trailing value, if its check typed it.
func (s *Session) ShowSite(c *Cell) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.show[c]
	return id, ok
}

// ShowSprint reports whether the cell's trailing value is of an instance of
// a generic type with a String, Error, GoString or Format method, which
// only yaegi's own fmt can call (see passValues).
func (s *Session) ShowSprint(c *Cell) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sprint[c]
}

// Lookup returns the type a cell declared under name at top level, as the
// last check saw it, or nil.
func (s *Session) Lookup(name string) types.Type {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.latest == nil {
		return nil
	}
	if tn, ok := s.latest.Scope().Lookup(name).(*types.TypeName); ok {
		return tn.Type()
	}
	return nil
}

// Var is the type of a package-level variable the engine defined, and how
// %who spells it ("[]Point", "map[string]time.Duration"); nil and "" when
// unknown.
func (s *Session) Var(name string) (types.Type, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.varTypes[name]
	if !ok {
		return nil, ""
	}
	return t, types.TypeString(t, func(p *types.Package) string {
		if p.Path() == UserPkg {
			return ""
		}
		return p.Name()
	})
}

// HasUserTypes reports whether a cell declared a type.
func (s *Session) HasUserTypes() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.userTypes
}

// recvName is the type name of a method's receiver.
func recvName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.StarExpr:
		return recvName(x.X)
	case *ast.IndexExpr:
		return recvName(x.X)
	case *ast.IndexListExpr:
		return recvName(x.X)
	case *ast.ParenExpr:
		return recvName(x.X)
	case *ast.Ident:
		return x.Name
	}
	return "?"
}

// cellVars are the package-level variables the cell defines: hoisted var
// declarations and the body's definitions.
func cellVars(c *Cell) []*ast.Ident {
	var out []*ast.Ident
	add := func(n ast.Node) {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					if n.Name != "_" {
						out = append(out, n)
					}
				}
			}
		}
	}
	for _, d := range c.Decls {
		add(d)
	}
	for _, n := range c.Body {
		add(n)
	}
	return out
}

// declaresTypes reports whether the cell declares a type or a method,
// anywhere (a type declared in a function body has a name in Go too).
func declaresTypes(c *Cell) bool {
	found := false
	c.allNodes(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.TypeSpec:
			found = true
		case *ast.FuncDecl:
			found = found || n.Recv != nil
		}
		return !found
	})
	return found
}

// valid reports whether t was typed at all.
func valid(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.(*types.Basic)
	return !ok || b.Kind() != types.Invalid
}

// hasLocalType reports whether t mentions a type declared inside a function
// (which a package-level declaration cannot name).
func hasLocalType(t types.Type, pkg *types.Package) bool {
	found := false
	walkType(t, map[types.Type]bool{}, func(t types.Type) {
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == pkg && n.Obj().Parent() != pkg.Scope() {
			found = true
		}
	})
	return found
}

// walkType calls f on t and every type t is made of (through names only
// once).
func walkType(t types.Type, seen map[types.Type]bool, f func(types.Type)) {
	if t == nil || seen[t] {
		return
	}
	seen[t] = true
	f(t)
	switch t := t.(type) {
	case *types.Named:
		for i := 0; i < t.TypeArgs().Len(); i++ {
			walkType(t.TypeArgs().At(i), seen, f)
		}
		walkType(t.Underlying(), seen, f)
	case *types.Alias:
		walkType(types.Unalias(t), seen, f)
	case *types.Pointer:
		walkType(t.Elem(), seen, f)
	case *types.Slice:
		walkType(t.Elem(), seen, f)
	case *types.Array:
		walkType(t.Elem(), seen, f)
	case *types.Map:
		walkType(t.Key(), seen, f)
		walkType(t.Elem(), seen, f)
	case *types.Chan:
		walkType(t.Elem(), seen, f)
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			walkType(t.Field(i).Type(), seen, f)
		}
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			walkType(t.At(i).Type(), seen, f)
		}
	case *types.Signature:
		walkType(t.Params(), seen, f)
		walkType(t.Results(), seen, f)
	}
}
