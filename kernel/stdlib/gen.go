//go:build ignore

// gen writes go1_26_*.go: the symbols of the running Go's standard library
// that yaegi v0.16.1's own tables (made for Go 1.22) lack. It is run by
// `go generate ./kernel/stdlib` with the Go that builds the kernel.
//
// For each package of `go list std` that a cell may import, it lists the
// package's exported names with go/importer and asks yaegi's own extractor
// (github.com/traefik/yaegi/extract, the code behind `yaegi extract`) for
// exactly the names yaegi's table does not have. The extractor skips generic
// functions and types, which no compiled table can hold.
package main

import (
	"bytes"
	"fmt"
	"go/importer"
	"go/token"
	"log"
	"os"
	"os/exec"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/traefik/yaegi/extract"
	yaegistd "github.com/traefik/yaegi/stdlib"
)

// skip are standard packages a cell cannot use through a symbol table:
// the interpreter's own concerns (unsafe, syscall, cgo and the sanitizers'
// runtimes), and test-only or build-only packages.
var skip = regexp.MustCompile(`(^|/)(internal|vendor)(/|$)|^(unsafe|syscall|plugin|runtime/(cgo|race|msan|asan|coverage)|testing/synctest|crypto/fips140|time/tzdata|embed)$`)

func main() {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		log.Fatalf("go list std: %v", err)
	}
	old, _ := os.ReadDir(".")
	for _, f := range old {
		if strings.HasPrefix(f.Name(), "go1_") && strings.HasSuffix(f.Name(), ".go") {
			os.Remove(f.Name())
		}
	}
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	minor := strings.Join(strings.Split(strings.TrimPrefix(goVersion(), "go"), ".")[:2], "_") // "1_26"
	for _, p := range strings.Fields(string(out)) {
		if skip.MatchString(p) {
			continue
		}
		pkg, err := imp.Import(p)
		if err != nil {
			log.Fatalf("%s: %v", p, err)
		}
		have := yaegistd.Symbols[p+"/"+pkg.Name()]
		var missing []string
		for _, name := range pkg.Scope().Names() {
			if _, ok := have[name]; !ok && token.IsExported(name) {
				missing = append(missing, regexp.QuoteMeta(name))
			}
		}
		if len(missing) == 0 {
			continue
		}
		sort.Strings(missing)
		ext := extract.Extractor{Dest: "stdlib", Include: []string{"^(" + strings.Join(missing, "|") + ")$"}}
		var buf bytes.Buffer
		if _, err := ext.Extract(p, "", &buf); err != nil {
			log.Fatalf("extract %s: %v", p, err)
		}
		// The tables go to stdlib.go's added, which Symbols merges with yaegi's.
		src := bytes.Replace(buf.Bytes(), []byte("\tSymbols["), []byte("\tadded["), 1)
		if have != nil && !bytes.Contains(src, []byte("reflect.ValueOf(")) {
			continue // only generic names were missing
		}
		// A package yaegi lacks gets a table even when every name in it is
		// generic (iter, unique, weak), so that importing it works.
		name := "go" + minor + "_" + strings.NewReplacer("/", "_", ".", "_").Replace(p) + ".go"
		if err := os.WriteFile(name, src, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-24s %s\n", p, path.Base(name))
	}
}

func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		log.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}
