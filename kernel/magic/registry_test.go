package magic

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	// The worker's ready message and completion show these, in this order.
	want := []string{"%time", "%%time", "%timeit", "%%timeit", "%env", "%who", "%reset",
		"%gomaxprocs", "%goroutines", "%%timeline", "%%run", "%%race", "%%writefile", "%go", "%check", "%help"}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	seen := map[string]bool{}
	for _, m := range magics {
		if seen[m.call()] || m.help == "" || m.run == nil || strings.ContainsAny(m.name, "% \t") {
			t.Errorf("entry %s: duplicate, or no help, function or plain name", m.call())
		}
		seen[m.call()] = true
	}
}

// Everything said about a magic comes from its entry: %help's line, and the
// hint when it is written as the other kind.
func TestHelpAndHintsComeFromTheRegistry(t *testing.T) {
	r, out, _ := newRunner(t)
	run(t, r, "%help")
	lines := strings.Split(strings.TrimSuffix(out.take(), "\n"), "\n")
	if len(lines) != 1+len(magics)+len(escapes) {
		t.Fatalf("%%help has %d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, m := range magics {
		if f := strings.Fields(lines[1+i]); len(f) == 0 || f[0] != m.call() || !strings.HasSuffix(lines[1+i], "  "+m.help) ||
			!strings.HasPrefix(strings.TrimSpace(lines[1+i]), m.usage()) {
			t.Errorf("%%help line for %s: %q", m.usage(), lines[1+i])
		}
	}
	for _, m := range magics {
		other := lineMagic
		if m.kind == lineMagic {
			other = cellMagic
		}
		if lookup(other, m.name) != nil {
			continue
		}
		code := other.prefix() + m.name
		res := r.Run(context.Background(), code)
		if res.Err == nil || !strings.Contains(res.Err.Value, m.call()+" is a "+map[kind]string{lineMagic: "line", cellMagic: "cell"}[m.kind]+" magic") {
			t.Errorf("%q: %+v", code, res.Err)
		}
	}
}
