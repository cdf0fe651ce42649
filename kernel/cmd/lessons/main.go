// Command lessons regenerates notebooks/*.ipynb from lessons/*.md.
//
//	go run ./kernel/cmd/lessons [-lessons DIR] [-notebooks DIR]
//
// The notebooks are verified by running them: `make test` executes each one
// with nbclient against the built kernel.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gokernel/gokernel/kernel/lessons"
)

func main() {
	src := flag.String("lessons", "lessons", "directory of lesson sources (*.md)")
	dst := flag.String("notebooks", "notebooks", "directory to write notebooks into")
	flag.Parse()
	files, err := filepath.Glob(filepath.Join(*src, "*.md"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(os.Stderr, "lessons: no *.md in %s\n", *src)
		os.Exit(1)
	}
	for _, f := range files {
		md, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "lessons:", err)
			os.Exit(1)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		nb, err := lessons.Notebook(name, string(md))
		if err != nil {
			fmt.Fprintln(os.Stderr, "lessons:", err)
			os.Exit(1)
		}
		out := filepath.Join(*dst, name+".ipynb")
		if err := os.WriteFile(out, nb, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "lessons:", err)
			os.Exit(1)
		}
		fmt.Println("wrote", out)
	}
}
