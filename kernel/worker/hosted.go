package worker

import (
	"path"
	"sort"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/magic"
	"github.com/gokernel/gokernel/kernel/modules"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/pkgdoc"
)

// hosted describes what this worker offers cells beyond the standard
// library, for its ready event: the packages registered in its
// interpreter besides yaegi's stdlib (gokernel/display), described from
// their symbol tables, then the packages of the modules the session's
// go.mod requires (package modules, described from their sources), and the
// magics package magic runs. The kernel process completes and documents
// them from this description alone. After %go get the worker sends a ready
// event again with the new description (see Run).
func hosted(mods *modules.Session) *outcome.Hosted {
	h := &outcome.Hosted{Magics: magic.Names()}
	// The symbol table the engine registers (bound to no sink here: only
	// the names and signatures are read).
	for key, syms := range display.New(nil).Symbols() {
		h.Packages = append(h.Packages, outcome.Package{Path: path.Dir(key), Name: path.Base(key), Members: pkgdoc.Members(syms)})
	}
	sort.Slice(h.Packages, func(i, j int) bool { return h.Packages[i].Path < h.Packages[j].Path })
	if mods != nil { // after the host's own: a name both have means the host's
		h.Packages = append(h.Packages, mods.Packages()...)
	}
	return h
}

// doc documents a name of a hosted or standard package for "name?" cells.
func (w *worker) doc(name string) (string, bool) { return pkgdoc.Doc(name, w.hosted.Packages) }
