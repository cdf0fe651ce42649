package frontend

// The static types of a session's cells, for the values pass: go/types
// checks each cell that needs it against what earlier cells declared.
//
// yaegi behaviour answered: an interpreted type has no run-time identity of
// its own. reflect sees `type Celsius float64` as float64 and gives
// `type Point struct{ X, Y int }`, `type Vec struct{ X, Y int }` and the
// literal `struct{ X, Y int }` one and the same reflect type (measured on
// v0.16.1), so no look-up by value can name a value's type or find its
// methods. Static types can: the front-end sees every declaration, and
// go/types, given them, types every expression of a cell.
//
// The session is kept as source: the imports, the type and constant
// declarations, func and method signatures (bodies were checked with their
// own cell) and each package-level variable with its type. A cell's check
// parses that text afresh next to the cell's own AST, so a redefined func or
// variable simply replaces the old one. What a cell declares is recorded when
// its check runs and kept once the engine has defined it (Env.Defined), so a
// cell that failed leaves nothing behind.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"sync"
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

// TypeSession is the values pass's knowledge of one interpreter session. The
// engine makes one per interpreter (NewTypeSession) and hands it to every
// Rewrite in Env.Values; the run-time side reads Site, Lookup and Var,
// from any goroutine.
type TypeSession struct {
	mu         sync.Mutex
	imp        *symImporter
	imports    map[string]string // import name -> path
	order      []string          // keys of decls, in declaration order
	decls      map[string]declText
	vars       map[string]string     // package-level variable -> type, as source
	varTypes   map[string]types.Type // package-level variable -> type, when known
	registered map[string]string     // user type -> methods registered (methodKey)
	userTypes  bool                  // some cell declared a type
	pending    *pendingCell
	latest     *types.Package // the last check's package
	sites      []ValueSite
	show       map[*Cell]int  // a cell's trailing value -> its site
	sprint     map[*Cell]bool // a trailing value yaegi's fmt formats (ShowSprint)
	synthetic  int            // imports made up for variable types
}

// declText is one top-level declaration as the session file holds it.
type declText struct {
	key   string
	names []string // what it declares; a method declares "T.M"
	text  string
}

type pendingCell struct {
	imports    map[string]string
	decls      []declText
	vars       map[string]string
	varTypes   map[string]types.Type
	registered map[string]string
	userTypes  bool
}

// NewTypeSession returns an empty session whose imports resolve through
// table.
func NewTypeSession(table SymbolTable) *TypeSession {
	return &TypeSession{imp: newSymImporter(table), imports: map[string]string{}, decls: map[string]declText{},
		vars: map[string]string{}, varTypes: map[string]types.Type{}, registered: map[string]string{}, show: map[*Cell]int{}}
}

// Site returns the site with that id; ok is false for an unknown id.
func (ts *TypeSession) Site(id int) (ValueSite, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if id < 0 || id >= len(ts.sites) {
		return ValueSite{}, false
	}
	return ts.sites[id], true
}

func (ts *TypeSession) addSite(s ValueSite) int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.sites = append(ts.sites, s)
	return len(ts.sites) - 1
}

// ShowSite is the site of the cell's trailing value, if its check typed it.
func (ts *TypeSession) ShowSite(c *Cell) (int, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	id, ok := ts.show[c]
	return id, ok
}

// ShowSprint reports whether the cell's trailing value is of an instance of
// a generic type with a String, Error, GoString or Format method, which
// only yaegi's own fmt can call (see passValues).
func (ts *TypeSession) ShowSprint(c *Cell) bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.sprint[c]
}

// Lookup returns the type a cell declared under name at top level, as the
// last check saw it, or nil.
func (ts *TypeSession) Lookup(name string) types.Type {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.latest == nil {
		return nil
	}
	if tn, ok := ts.latest.Scope().Lookup(name).(*types.TypeName); ok {
		return tn.Type()
	}
	return nil
}

// Var is the type of a package-level variable, and how %who spells it
// ("[]Point", "map[string]time.Duration"); nil and "" when unknown.
func (ts *TypeSession) Var(name string) (types.Type, string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t, ok := ts.varTypes[name]
	if p := ts.pending; p != nil {
		if pt, pok := p.varTypes[name]; pok {
			t, ok = pt, true
		}
	}
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
func (ts *TypeSession) HasUserTypes() bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.userTypes || (ts.pending != nil && ts.pending.userTypes)
}

// commit keeps what the last cell declared that the engine defined.
func (ts *TypeSession) commit(defined func(string) bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	p := ts.pending
	ts.pending = nil
	if p == nil {
		return
	}
	isDefined := func(name string) bool {
		if t, _, ok := strings.Cut(name, "."); ok {
			name = t // a method: its type was defined with it
		}
		return defined == nil || defined(name)
	}
	for name, path := range p.imports {
		ts.imports[name] = path
	}
	for _, d := range p.decls {
		ok := true
		for _, n := range d.names {
			ok = ok && isDefined(n)
		}
		if !ok {
			continue
		}
		ts.forget(d.names)
		ts.decls[d.key] = d
		ts.order = append(ts.order, d.key)
		for _, n := range d.names {
			if !strings.Contains(n, ".") {
				delete(ts.vars, n)
			}
		}
	}
	for name, t := range p.vars {
		if isDefined(name) {
			ts.forget([]string{name})
			ts.vars[name] = t
			if vt, ok := p.varTypes[name]; ok {
				ts.varTypes[name] = vt
			} else {
				delete(ts.varTypes, name)
			}
		}
	}
	for name, m := range p.registered {
		if isDefined(name) {
			ts.registered[name] = m
		}
	}
	ts.userTypes = ts.userTypes || p.userTypes
}

// forget drops the declarations of names (a redefinition replaces them).
func (ts *TypeSession) forget(names []string) {
	drop := map[string]bool{}
	for _, n := range names {
		drop[n] = true
	}
	var order []string
	for _, k := range ts.order {
		d := ts.decls[k]
		hit := false
		for _, n := range d.names {
			hit = hit || drop[n]
		}
		if hit {
			delete(ts.decls, k)
			continue
		}
		order = append(order, k)
	}
	ts.order = order
}

// cellDecls is what the cell declares at top level, as the session file will
// hold it: types and constants whole, funcs and methods as signatures.
func cellDecls(c *Cell) []declText {
	var out []declText
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == "init" || d.Name.Name == "_" {
				continue
			}
			sig := *d
			sig.Body, sig.Doc = nil, nil
			name := d.Name.Name
			if d.Recv != nil && len(d.Recv.List) > 0 {
				name = recvName(d.Recv.List[0].Type) + "." + name
			}
			out = append(out, declText{key: name, names: []string{name}, text: c.Text(&sig)})
		case *ast.GenDecl:
			if d.Tok != token.TYPE && d.Tok != token.CONST {
				continue
			}
			var names []string
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.Name != "_" {
							names = append(names, n.Name)
						}
					}
				}
			}
			if len(names) == 0 {
				continue
			}
			g := *d
			g.Doc = nil
			out = append(out, declText{key: d.Tok.String() + " " + strings.Join(names, ","), names: names, text: c.Text(&g)})
		}
	}
	return out
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

// checked is one cell's check: its types and the package it was checked as.
type checked struct {
	info *types.Info
	pkg  *types.Package
	// names maps a package path to the import name the cell can use for it.
	names map[string]string
}

// check type-checks the cell against the session and records what the cell
// declares as pending. Errors are ignored: an expression go/types could not
// type has no entry (or an invalid one), and the pass treats it as unknown.
func (ts *TypeSession) check(c *Cell) *checked {
	ts.mu.Lock()
	own := map[string]bool{}
	for _, d := range cellDecls(c) {
		for _, n := range d.names {
			own[n] = true
		}
	}
	for _, v := range cellVars(c) {
		own[v.Name] = true
	}
	cellImports := map[string]bool{}
	names := map[string]string{}
	for _, s := range c.Imports {
		name, p := importSpecName(s)
		cellImports[name] = true
		if name != "_" && name != "." {
			names[p] = name
		}
	}
	var src strings.Builder
	src.WriteString("package main\n")
	var importNames []string
	for name := range ts.imports {
		importNames = append(importNames, name)
	}
	sort.Strings(importNames)
	var extra []ast.Spec
	for _, name := range importNames {
		p := ts.imports[name]
		fmt.Fprintf(&src, "import %s %s\n", name, strconv.Quote(p))
		if !cellImports[name] {
			extra = append(extra, &ast.ImportSpec{Name: ast.NewIdent(name), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(p)}})
			if _, ok := names[p]; !ok && name != "." && name != "_" {
				names[p] = name
			}
		}
	}
	for _, k := range ts.order {
		d := ts.decls[k]
		skip := false
		for _, n := range d.names {
			skip = skip || own[n]
		}
		if !skip {
			src.WriteString(d.text + "\n")
		}
	}
	var varNames []string
	for v, t := range ts.vars {
		if t != "" && !own[v] {
			varNames = append(varNames, v)
		}
	}
	sort.Strings(varNames)
	for _, v := range varNames {
		fmt.Fprintf(&src, "var %s %s\n", v, ts.vars[v])
	}
	ts.mu.Unlock()

	files := []*ast.File{}
	if f, err := parser.ParseFile(c.Fset, "session", src.String(), parser.SkipObjectResolution); err == nil {
		files = append(files, f)
	}
	specs := append([]ast.Spec{}, extra...)
	for _, s := range c.Imports {
		specs = append(specs, s)
	}
	decls := []ast.Decl{&ast.GenDecl{Tok: token.IMPORT, Specs: specs}}
	decls = append(decls, c.Decls...)
	var stmts []ast.Stmt
	for _, n := range c.Body {
		switch n := n.(type) {
		case *ast.GenDecl:
			decls = append(decls, n)
		case ast.Stmt:
			stmts = append(stmts, n)
		}
	}
	if c.Show != nil {
		stmts = append(stmts, &ast.ExprStmt{X: c.Show})
	}
	decls = append(decls, &ast.FuncDecl{Name: ast.NewIdent(Reserved + "_values"), Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: stmts}})
	files = append(files, &ast.File{Name: ast.NewIdent(UserPkg), Decls: decls})

	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: ts.imp, Error: func(error) {}}
	pkg, _ := conf.Check(UserPkg, c.Fset, files, info)

	ts.mu.Lock()
	defer ts.mu.Unlock()
	if pkg != nil {
		ts.latest = pkg
	}
	p := ts.newPending(c)
	for _, v := range cellVars(c) {
		obj, ok := info.Defs[v].(*types.Var)
		if !ok || !valid(obj.Type()) || hasLocalType(obj.Type(), pkg) {
			p.vars[v.Name] = ""
			continue
		}
		p.vars[v.Name] = types.TypeString(obj.Type(), ts.qualifier(pkg, names, p))
		p.varTypes[v.Name] = obj.Type()
	}
	return &checked{info: info, pkg: pkg, names: names}
}

// newPending starts the pending record of cell c (what it imports and
// declares); ts.mu is held.
func (ts *TypeSession) newPending(c *Cell) *pendingCell {
	p := &pendingCell{imports: map[string]string{}, decls: cellDecls(c), vars: map[string]string{}, varTypes: map[string]types.Type{},
		registered: map[string]string{}}
	for _, s := range c.Imports {
		if name, path := importSpecName(s); name != "_" {
			p.imports[name] = path
		}
	}
	p.userTypes = declaresTypes(c)
	ts.pending = p
	return p
}

// note records a cell that was not checked: its imports and declarations
// (its variables' types stay unknown).
func (ts *TypeSession) note(c *Cell) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	p := ts.newPending(c)
	for _, v := range cellVars(c) {
		p.vars[v.Name] = ""
	}
}

// qualifier names other packages in type source by an import name the
// session has, making one up (and importing it) when there is none.
func (ts *TypeSession) qualifier(pkg *types.Package, names map[string]string, p *pendingCell) types.Qualifier {
	return func(other *types.Package) string {
		if other == pkg || other.Path() == UserPkg {
			return ""
		}
		if n, ok := names[other.Path()]; ok {
			return n
		}
		ts.synthetic++
		n := fmt.Sprintf("%s_imp%d", Reserved, ts.synthetic)
		names[other.Path()] = n
		p.imports[n] = other.Path()
		return n
	}
}

func importSpecName(s *ast.ImportSpec) (name, path string) {
	path, _ = strconv.Unquote(s.Path.Value)
	name = path[strings.LastIndex(path, "/")+1:]
	if s.Name != nil {
		name = s.Name.Name
	}
	return name, path
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
