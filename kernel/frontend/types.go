package frontend

// The type checker: go/types over the cell, the session's earlier
// declarations and the packages the interpreter offers (importer.go).
//
// What the checker sees. A cell is checked as one file of package main:
//
//	package main
//	import (…the session's imports, …the cell's own)
//	…the session's declarations (Session.text)
//	…the cell's declarations and top-level variable definitions
//	func _gk_check() { …the cell's statements; the trailing expression }
//
// The session's declarations are what earlier cells defined, as source:
// types, consts and the signatures (no bodies) of funcs and methods as the
// student wrote them, and each variable as `var x T` with T the type the
// checker found for it, its packages imported under hidden names. A
// declaration of the cell replaces the session's of the same name, as a
// redefinition does in the interpreter. Declarations are kept as source
// rather than as go/types objects because a later cell may add methods to
// an earlier cell's type, which go/types allows only within one package.
//
// The checker must never make a valid cell fail. The kernel accepts what Go
// does not: unused imports and variables, a name imported by an earlier
// cell. Those errors are ignored; any other error means the cell's types
// are not known, and the passes that need them (rangefunc, generics) leave
// the cell as it is: the interpreter runs it and says what is wrong. A
// panic in go/types counts as an error.
//
// The same check gives the values pass (pass_values.go) its static types:
// it uses a cell's types whether or not the check failed (Cell.check; an
// expression go/types could not type has an invalid type there, which the
// pass treats as unknown), and the session also holds what that pass's
// run-time side reads from any goroutine (values_types.go: the sites, the
// last check's package, the variables' types), under Session.mu. What a
// cell declares is kept for later cells even when its check failed: the
// engine commits only what the interpreter defined, which has the last
// word.
//
// Cost: the packages are converted once per session, on the first import
// (importer.go); the session's declarations are parsed once, when they are
// committed; a cell costs checking it with the session's declarations, which
// grows with their number. On the development machine (CPU time, under
// load): 0.17 to 0.21 ms per cell of the lessons, each with its lesson's
// declarations (BenchmarkCheckLessons); 1.1 to 1.7 ms for a small cell after 160
// earlier declarations (BenchmarkCheck). That is the whole cost: before the
// values pass used this check, it checked 16 % of the lesson cells a second
// time, for 0.21 ms + 0.04 ms per cell on average (measured 2026-12-02,
// same machine). Against the 2 ms of CPU an Execute of a lesson cell takes,
// either is within the noise.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"go/version"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Session is what the type checker knows of the cells that ran before: the
// packages, imports and declarations. The engine keeps one per interpreter
// and commits to it what each cell defined (CommitImports, CommitDecls,
// CommitVars), once the interpreter has defined it.
type Session struct {
	imp     *checkImporter
	imports map[string]string // import name -> path
	decls   map[string]*sdecl // key (name, or "T.M" for a method) -> declaration
	// fset holds the declarations' syntax, parsed once, at positions from
	// sessionBase on: above any position of a cell's own file set, which
	// starts at 1 for every cell. The cell's file set gets a file that
	// spans them (go/types asks a position's file for its name).
	fset *token.FileSet

	// mu guards what the run-time side reads (values_types.go): decls are
	// written under it too, and read without it by the engine's goroutine,
	// the only one that writes them.
	mu sync.Mutex
	values
}

// lastArg is where gc reports "not enough arguments": at the call's last
// argument, where go/types reports its closing parenthesis (rparen).
func lastArg(c *Cell, rparen token.Pos) token.Pos {
	pos := rparen
	c.allNodes(func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && call.Rparen == rparen && len(call.Args) > 0 {
			pos = call.Args[len(call.Args)-1].Pos()
		}
		return true
	})
	return pos
}

// sessionBase is where the positions of the session's declarations begin.
const sessionBase = 1 << 40

// sdecl is one declaration of an earlier cell.
type sdecl struct {
	names []string // the package-level names it declares ("T.M" for a method)
	src   string
	paths []string   // packages src names by their hidden import name (vars)
	ast   []ast.Decl // src parsed in the session's file set
}

// NewSession starts a session's type checking over the packages the
// interpreter offers.
func NewSession(p Packages) *Session {
	fset := token.NewFileSet()
	fset.AddFile("", -1, sessionBase-2) // no lines: positions below sessionBase are the cells'
	return &Session{imp: newCheckImporter(p), imports: map[string]string{}, decls: map[string]*sdecl{}, fset: fset,
		values: newValues()}
}

// Types is what the checker found in a cell. It is nil on a cell whose
// check failed.
type Types struct {
	Info *types.Info
	Pkg  *types.Package
	// names are the import names of the cell's file, by path: how the
	// cell's code can name a package.
	names map[string]string
	// local are the names the cell declares inside functions, other than
	// types: a type written with one of them might mean the local instead.
	local map[string]bool
	// pending are the cell's declarations as the session will keep them,
	// varTypes the types of its package-level variables (for %who), and
	// registered the values pass's registrations of the session's types
	// (see passValues), kept once the engine commits the type.
	pending    []*sdecl
	varTypes   map[string]types.Type
	registered map[string]string
}

// CheckError is an error the checker found in the cell, in the cell's
// coordinates, with go/types' wording (which is gc's).
type CheckError struct {
	Line, Col int
	Msg       string
	Soft      bool
	// Allowed is set for what Go refuses and the kernel allows (unused
	// variables and labels, a trailing expression's value).
	Allowed bool
}

// checkCell type-checks the cell; it sets c.types (nil when the check
// failed), c.check (the types found, failed or not) and c.checkErrs.
func (s *Session) checkCell(c *Cell) {
	c.types, c.check, c.checkErrs = nil, nil, nil
	if s == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil { // go/types is not meant to panic, but
			c.types, c.check = nil, nil
		}
	}()
	if declaresTypes(c) {
		s.mu.Lock()
		s.userTypes = true
		s.mu.Unlock()
	}
	cellNames := c.topNames()
	var decls []ast.Decl

	// Imports: the cell's own, then the session's that the cell does not
	// rebind, then the hidden ones the session's variables need.
	imp := &ast.GenDecl{Tok: token.IMPORT}
	names := map[string]string{}
	bound := map[string]bool{}
	for _, spec := range c.Imports {
		name, p := specName(spec)
		imp.Specs = append(imp.Specs, spec)
		bound[name] = true
		if name != "_" && name != "." {
			names[p] = name
		}
	}
	for _, name := range sortedKeys(s.imports) {
		if bound[name] || cellNames[name] {
			continue
		}
		p := s.imports[name]
		imp.Specs = append(imp.Specs, &ast.ImportSpec{Name: id(name), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(p)}})
		if _, ok := names[p]; !ok {
			names[p] = name
		}
	}
	earlier, paths := s.earlier(cellNames)
	for _, p := range paths {
		imp.Specs = append(imp.Specs, &ast.ImportSpec{Name: id(hiddenName(p)), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(p)}})
	}
	decls = append(decls, imp)
	decls = append(decls, earlier...)
	if c.Fset.Base() > sessionBase {
		return // checked before: its file set spans the session's positions already
	}
	c.Fset.AddFile("session", sessionBase, s.fset.Base()-sessionBase)
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
	decls = append(decls, &ast.FuncDecl{Name: id(checkFunc), Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: stmts}})
	file := &ast.File{Name: id("main"), Decls: decls}

	info := &types.Info{
		Types:     map[ast.Expr]types.TypeAndValue{},
		Defs:      map[*ast.Ident]types.Object{},
		Uses:      map[*ast.Ident]types.Object{},
		Instances: map[*ast.Ident]types.Instance{},
		// For the values pass: a *log.Logger's print methods.
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	failed := false
	conf := types.Config{
		Importer:                 s.imp,
		GoVersion:                version.Lang(runtime.Version()),
		DisableUnusedImportCheck: true,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				failed = true
				return
			}
			if te.Pos >= sessionBase {
				return // in an earlier cell's declaration: not this cell's
			}
			pos := te.Pos
			if strings.HasPrefix(te.Msg, "not enough arguments in call") {
				pos = lastArg(c, pos)
			}
			l, col := posOf(c.Fset, pos)
			ce := CheckError{Line: l, Col: col, Msg: te.Msg, Soft: te.Soft}
			ce.Allowed = ignorable(ce, te, c)
			c.checkErrs = append(c.checkErrs, ce)
			if !ce.Allowed {
				failed = true
			}
		},
	}
	pkg, _ := conf.Check("main", c.Fset, []*ast.File{file}, info)
	sort.SliceStable(c.checkErrs, func(i, j int) bool {
		a, b := c.checkErrs[i], c.checkErrs[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	if pkg == nil {
		return
	}
	s.mu.Lock()
	s.latest = pkg
	s.mu.Unlock()
	t := &Types{Info: info, Pkg: pkg, names: names, varTypes: map[string]types.Type{}, registered: map[string]string{}}
	t.pending = s.pendingDecls(c, t)
	c.check = t
	if !failed {
		c.types = t
	}
}

// checkFunc holds the cell's statements for the checker.
const checkFunc = Reserved + "_check"

// ignorable reports an error the kernel does not make: Go's unused
// variables and labels (the kernel allows them, as it allows unused
// imports), and a trailing expression "not used" (it is the cell's Out).
func ignorable(ce CheckError, te types.Error, c *Cell) bool {
	switch {
	case strings.HasPrefix(ce.Msg, "declared and not used: "), strings.HasSuffix(ce.Msg, " declared and not used"):
		return true
	case strings.HasPrefix(ce.Msg, "label ") && strings.HasSuffix(ce.Msg, " declared and not used"):
		return true
	case c.Show != nil && te.Pos == c.Show.Pos() && strings.HasSuffix(ce.Msg, " is not used"):
		return true
	}
	return false
}

// topNames are the package-level names the cell declares ("T.M" for its
// methods).
func (c *Cell) topNames() map[string]bool {
	names := map[string]bool{}
	for _, d := range c.Decls {
		for _, n := range declNames(d) {
			names[n] = true
		}
	}
	for _, n := range c.Body {
		if g, ok := n.(*ast.GenDecl); ok {
			for _, nm := range declNames(g) {
				names[nm] = true
			}
		}
	}
	return names
}

// declNames are the package-level names a declaration declares, "T.M" for a
// method.
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) == 1 {
			return []string{recvName(d.Recv.List[0].Type) + "." + d.Name.Name}
		}
		return []string{d.Name.Name}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			}
		}
	}
	return names
}

func specName(s *ast.ImportSpec) (name, p string) {
	p, _ = strconv.Unquote(s.Path.Value)
	if s.Name != nil {
		return s.Name.Name, p
	}
	return guessName(p), p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hiddenName is the import name under which the session's variable
// declarations name package p.
func hiddenName(p string) string {
	return Reserved + "p_" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, p)
}

// earlier are the session's declarations that the cell does not replace,
// and the packages they need under hidden names.
func (s *Session) earlier(replaced map[string]bool) ([]ast.Decl, []string) {
	var out []ast.Decl
	seen := map[*sdecl]bool{}
	need := map[string]bool{}
	for _, k := range sortedKeys(s.decls) {
		d := s.decls[k]
		if seen[d] {
			continue
		}
		seen[d] = true
		skip := false
		for _, n := range d.names {
			if replaced[n] {
				skip = true
			}
		}
		if skip {
			continue
		}
		out = append(out, d.ast...)
		for _, p := range d.paths {
			need[p] = true
		}
	}
	return out, sortedKeys(need)
}

// pendingDecls are the cell's declarations as the session keeps them:
// source for types, consts and signatures; `var x T` for variables.
func (s *Session) pendingDecls(c *Cell, t *Types) []*sdecl {
	var out []*sdecl
	for _, d := range c.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			sig := &ast.FuncDecl{Recv: d.Recv, Name: d.Name, Type: d.Type}
			out = append(out, &sdecl{names: declNames(d), src: c.Text(sig)})
		case *ast.GenDecl:
			if d.Tok == token.VAR {
				out = append(out, s.varDecls(d, t)...)
				continue
			}
			out = append(out, &sdecl{names: declNames(d), src: c.Text(d)})
		}
	}
	for _, n := range c.Body {
		if g, ok := n.(*ast.GenDecl); ok {
			out = append(out, s.varDecls(g, t)...)
		}
	}
	return out
}

// varDecls writes `var x T` for each variable g declares whose type the
// checker knows and can name from another file.
func (s *Session) varDecls(g *ast.GenDecl, t *Types) []*sdecl {
	var out []*sdecl
	for _, sp := range g.Specs {
		for _, n := range sp.(*ast.ValueSpec).Names {
			obj := t.Info.Defs[n]
			if n.Name == "_" || obj == nil {
				continue
			}
			if valid(obj.Type()) && !hasLocalType(obj.Type(), t.Pkg) {
				t.varTypes[n.Name] = obj.Type()
			}
			paths := map[string]bool{}
			ok := true
			typ := types.TypeString(obj.Type(), func(p *types.Package) string {
				if p.Path() == "main" {
					return ""
				}
				paths[p.Path()] = true
				return hiddenName(p.Path())
			})
			if !writable(obj.Type(), true) {
				ok = false
			}
			if ok {
				out = append(out, &sdecl{names: []string{n.Name}, src: "var " + n.Name + " " + typ, paths: sortedKeys(paths)})
			}
		}
	}
	return out
}

// writable reports whether a type can be written in source: valid, typed,
// with no unexported named type or field of another package; with pkgLevel,
// also in another file of package main: no type declared inside a function,
// no type parameter.
func writable(t types.Type, pkgLevel bool) bool {
	seen := map[types.Type]bool{}
	var ok func(t types.Type) bool
	foreign := func(p *types.Package) bool { return p != nil && p.Path() != "main" }
	ok = func(t types.Type) bool {
		if seen[t] {
			return true
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Basic:
			return t.Kind() != types.Invalid && t.Info()&types.IsUntyped == 0
		case *types.Named:
			o := t.Obj()
			if foreign(o.Pkg()) && !o.Exported() || pkgLevel && o.Pkg() != nil && o.Parent() != o.Pkg().Scope() {
				return false
			}
			if args := t.TypeArgs(); args != nil {
				for i := range args.Len() {
					if !ok(args.At(i)) {
						return false
					}
				}
			}
			return true
		case *types.Alias:
			return ok(types.Unalias(t))
		case *types.TypeParam:
			return !pkgLevel
		case *types.Pointer:
			return ok(t.Elem())
		case *types.Slice:
			return ok(t.Elem())
		case *types.Array:
			return ok(t.Elem())
		case *types.Map:
			return ok(t.Key()) && ok(t.Elem())
		case *types.Chan:
			return ok(t.Elem())
		case *types.Signature:
			return t.TypeParams() == nil && ok(t.Params()) && ok(t.Results())
		case *types.Tuple:
			for i := range t.Len() {
				if !ok(t.At(i).Type()) {
					return false
				}
			}
			return true
		case *types.Struct:
			for i := range t.NumFields() {
				f := t.Field(i)
				if !f.Exported() && foreign(f.Pkg()) || !ok(f.Type()) {
					return false
				}
			}
			return true
		case *types.Interface:
			for i := range t.NumMethods() {
				if !ok(t.Method(i).Type()) {
					return false
				}
			}
			return t.IsMethodSet()
		}
		return false
	}
	return ok(t)
}

// CommitImports records the cell's imports, which the interpreter has run.
func (s *Session) CommitImports(c *Cell) {
	if s == nil {
		return
	}
	for _, spec := range c.Imports {
		name, p := specName(spec)
		if name != "_" && name != "." {
			s.imports[name] = p
		}
	}
}

// CommitDecls records the cell's hoisted declarations (those still in
// c.Decls), which the interpreter has run.
func (s *Session) CommitDecls(c *Cell) {
	if s == nil {
		return
	}
	names := map[string]bool{}
	for _, d := range c.Decls {
		for _, n := range declNames(d) {
			names[n] = true
		}
	}
	// main is renamed by the main pass; the checker saw it as main.
	if c.HasMain {
		names["main"] = true
	}
	s.commit(c, names)
}

// CommitVars records the variables named, which the interpreter has defined.
func (s *Session) CommitVars(c *Cell, names ...string) {
	if s == nil {
		return
	}
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	s.commit(c, m)
}

func (s *Session) commit(c *Cell, names map[string]bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for n := range names {
		if _, ok := s.decls[n]; ok {
			s.forget(n)
		}
		delete(s.varTypes, n)
	}
	t := c.check
	if t == nil {
		return
	}
	for _, d := range t.pending {
		for _, n := range d.names {
			if names[n] {
				s.keep(d)
				break
			}
		}
	}
	for n := range names {
		if vt, ok := t.varTypes[n]; ok {
			s.varTypes[n] = vt
		}
	}
	// A registration is kept once its type is the session's (a method
	// added in a later cell registers the type again, see passValues).
	for name, key := range t.registered {
		if s.decls[name] != nil {
			s.registered[name] = key
		}
	}
}

// keep adds a declaration to the session, parsed once.
func (s *Session) keep(d *sdecl) {
	if d.ast == nil {
		f, err := parser.ParseFile(s.fset, "session", "package main\n"+d.src, parser.SkipObjectResolution)
		if err != nil {
			return // cannot happen: the text was printed by go/printer
		}
		d.ast = f.Decls
	}
	for _, n := range d.names {
		s.decls[n] = d
	}
}

// forget drops the declaration of name, and with it every name declared
// with it (a const group).
func (s *Session) forget(name string) {
	d := s.decls[name]
	for _, n := range d.names {
		if s.decls[n] == d {
			delete(s.decls, n)
		}
	}
}

// TypeOf is the type the checker found for x, or nil.
func (t *Types) TypeOf(x ast.Expr) types.Type {
	if t == nil {
		return nil
	}
	tv, ok := t.Info.Types[x]
	if !ok || tv.Type == nil || tv.Type == types.Typ[types.Invalid] {
		return nil
	}
	return tv.Type
}

// isInteger reports whether the checker typed x as an integer (a constant
// included).
func (t *Types) isInteger(x ast.Expr) bool {
	typ := t.TypeOf(x)
	if typ == nil {
		return false
	}
	b, ok := typ.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// Expr writes a type as an expression the cell's code can use at top
// level; ok is false when it cannot (a package the cell's file does not
// import, an unexported type of another package).
func (t *Types) Expr(typ types.Type) (string, bool) {
	ok := true
	s := types.TypeString(typ, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		name, found := t.names[p.Path()]
		if !found {
			ok = false
		}
		return name
	})
	if !ok || !writable(typ, false) {
		return "", false
	}
	if t.local == nil {
		t.local = map[string]bool{}
		for _, obj := range t.Info.Defs {
			if _, isType := obj.(*types.TypeName); obj != nil && !isType && obj.Parent() != t.Pkg.Scope() {
				t.local[obj.Name()] = true
			}
		}
	}
	if x, err := parser.ParseExpr(s); err == nil {
		// The names the type refers to (not field, parameter or selected
		// names) must not be shadowed anywhere in the cell: do not risk it.
		notRefs := map[*ast.Ident]bool{}
		ast.Inspect(x, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field:
				for _, nm := range n.Names {
					notRefs[nm] = true
				}
			case *ast.SelectorExpr:
				notRefs[n.Sel] = true
			case *ast.Ident:
				if !notRefs[n] && t.local[n.Name] {
					ok = false
				}
			}
			return ok
		})
	}
	return s, ok
}

// typeExpr parses a type written by Expr into an expression, every node of
// it at pos.
func typeExpr(s string, pos token.Pos) ast.Expr {
	x, err := parser.ParseExpr(s)
	if err != nil {
		return nil
	}
	setPos(x, pos)
	return x
}

// CheckErrors are the errors the type checker found in the cell (none when
// it was not checked), in source order.
func (c *Cell) CheckErrors() []CheckError { return c.checkErrs }

// InGoWords is the compile error the type checker found where the
// interpreter reported fe (yaegi's words, at a line of the cell, or with no
// line while it compiled chunk, a printed piece of the cell): the same
// error in Go's words and at Go's column, or nil when the checker found
// none there. It never makes an error of what the interpreter accepted.
func (c *Cell) InGoWords(fe *Error, chunk string) *Error {
	if c.lateCheck != nil {
		c.lateCheck()
		c.lateCheck = nil
	}
	var lines map[int]bool
	if fe.Line == 0 {
		lines = map[int]bool{}
		for l := 1; ; l++ {
			n := ChunkLine(chunk, l)
			if n == 0 && l > strings.Count(chunk, "\n") {
				break
			}
			if n > 0 {
				lines[CellLine(n)] = true
			}
		}
	}
	for _, ce := range c.checkErrs {
		if ce.Allowed || ce.Line < 1 {
			continue
		}
		if ce.Line == fe.Line || lines[ce.Line] {
			return &Error{Kind: "compile error", Line: ce.Line, Col: ce.Col, Msg: ce.Msg}
		}
	}
	return nil
}

// String is for debugging.
func (e CheckError) String() string { return fmt.Sprintf("cell:%d:%d: %s", e.Line, e.Col, e.Msg) }
