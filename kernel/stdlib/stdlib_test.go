package stdlib

import (
	"reflect"
	"sync"
	"testing"

	yaegistd "github.com/traefik/yaegi/stdlib"
)

func TestSymbols(t *testing.T) {
	syms := Symbols()
	for _, tt := range []struct{ pkg, name string }{
		{"strings/strings", "Lines"},      // Go 1.24
		{"strings/strings", "SplitSeq"},   // Go 1.24
		{"os/os", "CopyFS"},               // Go 1.23
		{"crypto/sha3/sha3", "Sum256"},    // Go 1.24, a package yaegi lacks
		{"structs/structs", "HostLayout"}, // Go 1.23
		{"strings/strings", "Builder"},    // yaegi's own, kept
		{"fmt/fmt", "Println"},
	} {
		if _, ok := syms[tt.pkg][tt.name]; !ok {
			t.Errorf("%s: no %s", tt.pkg, tt.name)
		}
	}
	for _, pkg := range []string{"iter/iter", "unique/unique", "weak/weak"} {
		if _, ok := syms[pkg]; !ok {
			t.Errorf("package %s cannot be imported", pkg)
		}
	}
	// (*sync.WaitGroup).Go (Go 1.25) is a method: it comes with the type.
	wg := syms["sync/sync"]["WaitGroup"].Type().Elem()
	if _, ok := reflect.PointerTo(wg).MethodByName("Go"); !ok || wg != reflect.TypeOf(sync.WaitGroup{}) {
		t.Errorf("sync.WaitGroup has no Go method")
	}
}

// yaegi's entries are never replaced: its MapTypes and composed-interface
// wrappers are keyed by its own wrapper types.
func TestYaegiEntriesKept(t *testing.T) {
	syms := Symbols()
	for pkg, own := range yaegistd.Symbols {
		for name, v := range own {
			if got := syms[pkg][name]; got != v {
				t.Errorf("%s.%s replaced", pkg, name)
			}
		}
	}
}
