package stdlib

// Sources is the Go source the Loader compiles for each package of the
// generic standard library, by import path, as it compiles it (the
// declarations of the package's files, with a dot-import of the compiled
// package when yaegi has one). It is for what checks cells against what the
// interpreter runs: the front-end's type checker (package frontend) reads
// the generic functions' and types' signatures from it.
func Sources() map[string]string {
	pkgs, err := generics()
	if err != nil {
		panic("stdlib: embedded generic sources: " + err.Error()) // a build that cannot happen
	}
	m := make(map[string]string, len(pkgs))
	for p, g := range pkgs {
		m[p] = g.source()
	}
	return m
}
