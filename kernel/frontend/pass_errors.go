package frontend

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"
)

// passErrors routes errors.Is and errors.Unwrap to the runtime's versions,
// which find the Unwrap and Is methods of the session's own types:
//
//	errors.Unwrap(err)      =>  _gkrt.ErrorsUnwrap(err)
//	errors.Is(err, target)  =>  _gkrt.ErrorsIs(err, target)
//	err1 == err2            =>  _gkrt.ErrorsEqual(err1, err2) == true
//
// (the runtime takes err and target as `any`, how an interpreted value
// reaches compiled code as itself; as an error it would be yaegi's
// wrapper), and, for each type the cell declares or
// gives a method, that has an Unwrap() error, Unwrap() []error or
// Is(error) bool method, starts the cell's statements with
//
//	_gkrt.RegisterError("T", func(v any) (string, bool) { if x, ok := v.(T); ok { return x.Error(), true }; … },
//		UNWRAP, MULTI, IS)
//
// each closure asserting its argument to T (and *T) and calling the
// method, nil for a method the type lacks.
//
// yaegi behaviour answered: an interpreted value reaches compiled code as
// an error in yaegi's interp._error, whose only method is Error, so Go's
// errors.Unwrap and errors.Is do not see its Unwrap or Is; and two
// errors compared with == panic "comparing uncomparable type
// interp._error" when one is yaegi's wrapper and the other the value it
// wraps (errors.Unwrap(fmt.Errorf("…: %w", err)) == err) (see
// engine/errortree.go for what was measured). Only cells the checker typed
// are rewritten; errors.As is the engine's own already (engine/host.go).
func passErrors(c *Cell, env Env) error {
	t := c.types
	if t == nil {
		return nil
	}
	errorsCall := func(call *ast.CallExpr) string {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || call.Ellipsis.IsValid() {
			return ""
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok {
			return ""
		}
		pn, ok := t.Info.Uses[x].(*types.PkgName)
		if !ok || pn.Imported().Path() != "errors" {
			return ""
		}
		return sel.Sel.Name
	}
	errType := types.Universe.Lookup("error").Type()
	isError := func(x ast.Expr) bool {
		if id, ok := ast.Unparen(x).(*ast.Ident); ok && id.Name == "nil" {
			return false
		}
		typ := t.TypeOf(x)
		return typ != nil && types.Identical(typ, errType)
	}
	c.allNodes(func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok && (b.Op == token.EQL || b.Op == token.NEQ) && isError(b.X) && isError(b.Y) {
			// err1 == err2  =>  _gkrt.ErrorsEqual(err1, err2) == true
			b.X = &ast.CallExpr{Fun: rt(b.X.Pos(), RTErrorsEqual), Lparen: b.X.Pos(), Args: []ast.Expr{b.X, b.Y}, Rparen: b.Y.End()}
			b.Y = &ast.Ident{NamePos: b.Y.Pos(), Name: "true"}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		switch errorsCall(call) {
		case "Unwrap":
			if len(call.Args) == 1 {
				call.Fun = rt(call.Fun.Pos(), RTErrorsUnwrap)
			}
		case "Is":
			if len(call.Args) == 2 {
				call.Fun = rt(call.Fun.Pos(), RTErrorsIs)
			}
		}
		return true
	})

	// The types whose methods this cell declares.
	names := map[string]bool{}
	var pos token.Pos
	for _, d := range c.Decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv != nil && len(f.Recv.List) == 1 {
			rt := f.Recv.List[0].Type
			if s, ok := rt.(*ast.StarExpr); ok {
				rt = s.X
			}
			if id, ok := rt.(*ast.Ident); ok {
				names[id.Name] = true
				pos = f.Pos()
			}
		}
	}
	for _, n := range append(append([]ast.Node{}, declNodes(c.Decls)...), c.Body...) {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, sp := range g.Specs {
				names[sp.(*ast.TypeSpec).Name.Name] = true
				pos = g.Pos()
			}
		}
	}
	var regs []ast.Node
	for _, name := range sortedNames(names) {
		if x := registerError(t, name, pos); x != nil {
			regs = append(regs, &ast.ExprStmt{X: x})
		}
	}
	if len(regs) > 0 {
		c.Body = append(regs, c.Body...)
	}
	return nil
}

func declNodes(ds []ast.Decl) []ast.Node {
	out := make([]ast.Node, len(ds))
	for i, d := range ds {
		out[i] = d
	}
	return out
}

func sortedNames(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// registerError is the RegisterError call for the session's type name, or
// nil when it has no Error method or none of Unwrap and Is (or is generic,
// an interface, or not a package-level type).
func registerError(t *Types, name string, pos token.Pos) ast.Expr {
	tn, ok := t.Pkg.Scope().Lookup(name).(*types.TypeName)
	if !ok || tn.IsAlias() {
		return nil
	}
	n, ok := tn.Type().(*types.Named)
	if !ok || n.TypeParams().Len() > 0 || types.IsInterface(n) {
		return nil
	}
	vals, ptrs := types.NewMethodSet(n), types.NewMethodSet(types.NewPointer(n))
	errT := types.Universe.Lookup("error").Type()
	boolT := types.Typ[types.Bool]
	// fits reports whether m has the signature params -> result; onValue
	// whether T (not only *T) has it.
	fits := func(m string, params []types.Type, result types.Type) (has, onValue bool) {
		sel := ptrs.Lookup(nil, m)
		if sel == nil {
			return false, false
		}
		sig := sel.Type().(*types.Signature)
		if sig.Variadic() || sig.Params().Len() != len(params) || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), result) {
			return false, false
		}
		for i, p := range params {
			if !types.Identical(sig.Params().At(i).Type(), p) {
				return false, false
			}
		}
		return true, vals.Lookup(nil, m) != nil
	}
	// closure is func(v any[, t error]) (R, bool), calling m on v as T or *T.
	closure := func(m string, params []types.Type, result types.Type, rtype, zero string) string {
		has, onValue := fits(m, params, result)
		if !has {
			return "nil"
		}
		sig, args := "v any", ""
		if len(params) == 1 {
			sig, args = "v any, t error", "t"
		}
		var b strings.Builder
		fmt.Fprintf(&b, "func(%s) (%s, bool) {", sig, rtype)
		if onValue {
			fmt.Fprintf(&b, " if x, ok := v.(%s); ok { return x.%s(%s), true };", name, m, args)
			fmt.Fprintf(&b, " if x, ok := v.(*%s); ok && x != nil { return x.%s(%s), true };", name, m, args)
		} else {
			fmt.Fprintf(&b, " if x, ok := v.(*%s); ok { return x.%s(%s), true };", name, m, args)
		}
		fmt.Fprintf(&b, " return %s, false }", zero)
		return b.String()
	}
	text := closure("Error", nil, types.Typ[types.String], "string", `""`)
	unwrap := closure("Unwrap", nil, errT, "error", "nil")
	multi := closure("Unwrap", nil, types.NewSlice(errT), "[]error", "nil")
	is := closure("Is", []types.Type{errT}, boolT, "bool", "false")
	if text == "nil" || unwrap == "nil" && multi == "nil" && is == "nil" {
		return nil
	}
	src := fmt.Sprintf("%s.%s(%q, %s, %s, %s, %s)", RuntimePkg, RTRegisterError, name, text, unwrap, multi, is)
	x, err := parser.ParseExpr(src)
	if err != nil {
		return nil
	}
	everyPos(x, pos)
	return x
}

// everyPos is setPos for code with statements: every position of n that
// is set (a zero one means something: no ellipsis, a two-way channel) moves
// to pos.
func everyPos(n ast.Node, pos token.Pos) {
	posType := reflect.TypeFor[token.Pos]()
	ast.Inspect(n, func(m ast.Node) bool {
		v := reflect.ValueOf(m)
		if !v.IsValid() || v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		v = v.Elem()
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.Type() == posType && f.Int() != 0 {
				f.SetInt(int64(pos))
			}
		}
		return true
	})
}
