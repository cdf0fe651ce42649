package engine

import (
	"errors"
	"testing"
)

// A trailing call of a host function with no result runs as a statement,
// also when its parameters are funcs (display.Timeline(func() {…})).
func TestNoValueWithFuncParameters(t *testing.T) {
	for _, msg := range []string{
		"cell:2:1: cannot use func(string) as type (...any)",
		"cell:2:1: cannot use func(func()) as type (...any)",
	} {
		if !noValue(errors.New(msg)) {
			t.Errorf("noValue(%q) = false", msg)
		}
	}
}
