package frontend

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestRuntimeNamesDeclaredOnce keeps the names rewritten code calls in
// runtime.go: no pass spells a runtime function or a kernel name as a
// string literal. (That the engine defines each name is the engine's
// TestRuntimeNames.)
func TestRuntimeNamesDeclaredOnce(t *testing.T) {
	files, _ := filepath.Glob("pass*.go")
	rtNames := map[string]bool{}
	for _, f := range RuntimeFuncs {
		rtNames[string(f)] = true
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if rtNames[s] || strings.HasPrefix(s, Reserved) {
				t.Errorf("%s: %s spells a runtime name; use the constant in runtime.go", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
	}
}
