package magic

import (
	"context"
	"strings"
	"testing"
)

// %go is %go get; anything else points at !go. (%go get itself: package
// modules' tests and kernel/tests/test_modules.py.)
func TestGoMagicIsGoGet(t *testing.T) {
	r, _, _ := newRunner(t)
	for code, want := range map[string]string{
		"%go build ./...":       "%go: the magic is %go get MODULE[@VERSION]; run other go commands as shell lines (!go build ./...)",
		"%go":                   "%go: the magic is %go get MODULE[@VERSION]",
		"%go get example.com/x": "%go get: this worker has no module support",
	} {
		res := r.Run(context.Background(), code)
		if res.Err == nil || !strings.HasPrefix(res.Err.Value, want) {
			t.Errorf("%s: %+v, want %q", code, res.Err, want)
		}
	}
}
