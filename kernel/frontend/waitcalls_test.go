package frontend

import (
	"go/ast"
	"go/parser"
	"testing"
)

func TestWaitsAtCalls(t *testing.T) {
	tests := []struct {
		stmt string
		ok   bool
	}{
		{"g.Go(func() error { return nil })", true}, // errgroup with a limit waits in Go
		{"sem.Acquire(ctx, 1)", true},
		{"g.Wait()", true},
		{"mu.Lock()", true},
		{"fmt.Println(x)", false},
		{"g.TryGo(f)", false}, // never waits
	}
	for _, tt := range tests {
		t.Run(tt.stmt, func(t *testing.T) {
			x, err := parser.ParseExpr(tt.stmt)
			if err != nil {
				t.Fatal(err)
			}
			why, ok := waitsAt(&ast.ExprStmt{X: x})
			if ok != tt.ok || why != "" {
				t.Errorf("waitsAt(%s) = %q, %v; want \"\", %v", tt.stmt, why, ok, tt.ok)
			}
		})
	}
}
