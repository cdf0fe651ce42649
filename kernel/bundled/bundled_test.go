package bundled

import (
	"bytes"
	"os"
	"os/exec"
	"testing"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/stdlib"
)

// TestOffline runs testdata/offline.go in the interpreter, with no module
// cache in reach, and compares its output with the compiled program's.
func TestOffline(t *testing.T) {
	src, err := os.ReadFile("testdata/offline.go")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: &out, GoPath: t.TempDir()})
	if err := i.Use(stdlib.Symbols()); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(Symbols); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(string(src)); err != nil {
		t.Fatalf("interpreted: %v\n%s", err, out.String())
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go toolchain to compare with")
	}
	want, err := exec.Command("go", "run", "./testdata/offline.go").CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, want)
	}
	if out.String() != string(want) {
		t.Errorf("interpreted:\n%s\ngo run:\n%s", out.String(), want)
	}
}
