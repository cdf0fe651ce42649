package modules

// Describing a module's packages for completion and "name?" in the kernel
// process (outcome.Package, sent in the worker's Hosted): their exported
// names, read from the source with go/parser — the interpreter's symbol
// tables of source packages have no parameter names and yaegi's own types.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// budget bounds what describing costs: a worker start in the folder of a
// large Go project must not parse its dependencies (parsing runs at about
// 10 MB/s). Packages beyond it are importable, not completed.
type budget struct {
	packages int   // packages left
	bytes    int64 // bytes of source left
	short    bool  // set when a description stopped for want of budget
	full     bool  // a partial description from the cache does not do
}

// startBudget is what a worker start may parse, for modules not in the
// description cache; getBudget what %go get may, for the modules it adds.
func startBudget() *budget { return &budget{packages: 32, bytes: 512 << 10} }
func getBudget() *budget   { return &budget{packages: 512, bytes: 16 << 20, full: true} }

// maxFile: a bigger file (generated tables) is not read for completion.
const maxFile = 256 << 10

// describeCached describes a module at a version, from the description
// cache when it holds one, else with describe, and caches what it found:
// a module in the module cache never changes, so a worker start reads what
// %go get (or an earlier start) described. cacheable is false for a
// directory that may change (a replacement by a local directory).
func describeCached(modPath, version, dir string, cacheable bool, b *budget) []outcome.Package {
	var file string
	if cacheable {
		if base, err := os.UserCacheDir(); err == nil {
			sum := sha256.Sum256([]byte(modPath + "@" + version + " " + dir))
			file = filepath.Join(base, "gokernel", "described", hex.EncodeToString(sum[:12])+".json")
		}
	}
	var c struct {
		Module   string
		Complete bool
		Packages []outcome.Package
	}
	if file != "" {
		if data, err := os.ReadFile(file); err == nil && json.Unmarshal(data, &c) == nil && c.Module == modPath+"@"+version &&
			(c.Complete || !b.full) {
			return c.Packages
		}
	}
	short := b.short
	b.short = false
	c.Module, c.Packages = modPath+"@"+version, describe(modPath, dir, b)
	c.Complete = !b.short
	b.short = b.short || short
	if file != "" {
		if data, err := json.Marshal(c); err == nil && os.MkdirAll(filepath.Dir(file), 0o755) == nil {
			// Written whole, then renamed: another worker reads it at once.
			tmp := fmt.Sprintf("%s.%d", file, os.Getpid())
			if os.WriteFile(tmp, data, 0o644) == nil {
				os.Rename(tmp, file)
			}
		}
	}
	return c.Packages
}

// describe describes the importable packages of a module, as far as the
// budget goes.
func describe(modPath, dir string, b *budget) []outcome.Package {
	var out []outcome.Package
	walkPackages(modPath, dir, func(ip, pdir string) bool {
		if b.packages <= 0 || b.bytes <= 0 {
			b.short = true
			return false
		}
		pkg, err := buildContext().ImportDir(pdir, 0)
		if err != nil {
			return true
		}
		b.packages--
		p := outcome.Package{Path: ip, Name: pkg.Name}
		fset := token.NewFileSet()
		for _, name := range pkg.GoFiles {
			file := filepath.Join(pdir, name)
			fi, err := os.Stat(file)
			if err != nil || fi.Size() > maxFile {
				continue
			}
			if b.bytes -= fi.Size(); b.bytes < 0 {
				b.short = true
				return false // a package described in part is not described
			}
			f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
			if err != nil {
				continue
			}
			p.Members = append(p.Members, members(fset, f)...)
		}
		sort.Slice(p.Members, func(i, j int) bool { return p.Members[i].Name < p.Members[j].Name })
		p.Members = dedupe(p.Members)
		out = append(out, p)
		return true
	})
	return out
}

func dedupe(ms []outcome.Member) []outcome.Member {
	out := ms[:0]
	for i, m := range ms {
		if i > 0 && ms[i-1].Name == m.Name {
			continue
		}
		out = append(out, m)
	}
	return out
}

// members are the exported package-level names of a file, with the kinds
// and signatures pkgdoc.Members gives compiled packages ("func", "func(n
// string) string"; "type", "struct"; "var"/"const" and their type when the
// source says it).
func members(fset *token.FileSet, f *ast.File) []outcome.Member {
	var out []outcome.Member
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.IsExported() {
				out = append(out, outcome.Member{Name: d.Name.Name, Kind: "func", Signature: node(fset, d.Type)})
			}
		case *ast.GenDecl:
			var lastType ast.Expr // a const spec without type or value repeats the previous one
			var lastValue ast.Expr
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() {
						out = append(out, outcome.Member{Name: s.Name.Name, Kind: "type", Signature: typeKind(fset, s.Type)})
					}
				case *ast.ValueSpec:
					typ, value := s.Type, ast.Expr(nil)
					if len(s.Values) > 0 {
						value = s.Values[0]
					}
					if d.Tok == token.CONST {
						if typ == nil && value == nil {
							typ, value = lastType, lastValue
						}
						lastType, lastValue = typ, value
					}
					sig := ""
					if typ != nil {
						sig = node(fset, typ)
					} else if value != nil {
						sig = literalType(value, d.Tok == token.CONST)
					}
					for _, n := range s.Names {
						if n.IsExported() {
							out = append(out, outcome.Member{Name: n.Name, Kind: strings.ToLower(d.Tok.String()), Signature: sig})
						}
					}
				}
			}
		}
	}
	return out
}

// typeKind is a type declaration's kind as pkgdoc gives it: "struct",
// "interface", "func", …, or the type it is defined from.
func typeKind(fset *token.FileSet, t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StructType:
		return "struct"
	case *ast.InterfaceType:
		return "interface"
	case *ast.FuncType:
		return "func"
	case *ast.MapType:
		return "map"
	case *ast.ChanType:
		return "chan"
	case *ast.StarExpr:
		return "ptr"
	case *ast.ArrayType:
		if t.Len == nil {
			return "slice"
		}
		return "array"
	}
	return node(fset, t)
}

// literalType is the type of a var or const initialised with a literal
// ("int", "untyped string"), "" for anything else.
func literalType(v ast.Expr, untyped bool) string {
	kind := ""
	switch v := v.(type) {
	case *ast.BasicLit:
		kind = map[token.Token]string{token.INT: "int", token.FLOAT: "float", token.IMAG: "complex", token.CHAR: "rune", token.STRING: "string"}[v.Kind]
	case *ast.Ident:
		if v.Name == "iota" {
			kind = "int"
		} else if v.Name == "true" || v.Name == "false" {
			kind = "bool"
		}
	case *ast.BinaryExpr:
		return literalType(v.X, untyped)
	}
	if kind == "" {
		return ""
	}
	if untyped {
		return "untyped " + kind
	}
	if kind == "float" {
		return "float64"
	}
	if kind == "complex" {
		return "complex128"
	}
	return kind
}

func node(fset *token.FileSet, n ast.Node) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, n); err != nil {
		return ""
	}
	return b.String()
}
