package engine

import (
	"os"
	"testing"
)

// TestDebugFile runs GK_FILE through the engine (with GOKERNEL_DEBUG_CHUNKS=1
// to see the chunks the front-end produced).
func TestDebugFile(t *testing.T) {
	f := os.Getenv("GK_FILE")
	if f == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(f)
	r := runInEngine(t, string(src))
	t.Logf("stdout:\n%s\nstderr:\n%s\nerror: %q", r.stdout, r.stderr, r.errText)
}
