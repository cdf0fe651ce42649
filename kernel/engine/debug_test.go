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
	out, errText := runInEngine(t, string(src))
	t.Logf("out=%q err=%q", out, errText)
}
