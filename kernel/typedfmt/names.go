package typedfmt

import (
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// TypeName spells t as Go's reflect.Type.String does, which is what %T and
// %#v print: package names before named types ("main.Point",
// "time.Duration"), full import paths inside type arguments
// ("main.Box[encoding/json.Number]"), "interface {}", "struct { X int }",
// "uint8" for byte. userPath is the path of the package cells are checked
// as; its types print as "main.".
func TypeName(t types.Type, userPath string) string {
	var b strings.Builder
	n := namer{user: userPath}
	n.write(&b, t, false)
	return b.String()
}

type namer struct{ user string }

// write appends t; inArg is set inside type arguments, where packages are
// spelled by path.
func (n namer) write(b *strings.Builder, t types.Type, inArg bool) {
	switch t := t.(type) {
	case nil:
		b.WriteString("<nil>")
	case *types.Alias:
		n.write(b, types.Unalias(t), inArg)
	case *types.Basic:
		switch t.Kind() {
		case types.Byte:
			b.WriteString("uint8")
		case types.Rune:
			b.WriteString("int32")
		case types.UnsafePointer:
			b.WriteString("unsafe.Pointer")
		default:
			b.WriteString(strings.TrimPrefix(t.Name(), "untyped "))
		}
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil {
			switch {
			case obj.Pkg().Path() == n.user:
				b.WriteString("main.")
			case inArg:
				b.WriteString(obj.Pkg().Path() + ".")
			default:
				b.WriteString(obj.Pkg().Name() + ".")
			}
		}
		b.WriteString(obj.Name())
		if args := t.TypeArgs(); args.Len() > 0 {
			b.WriteByte('[')
			for i := 0; i < args.Len(); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				n.write(b, args.At(i), true)
			}
			b.WriteByte(']')
		}
	case *types.Pointer:
		b.WriteByte('*')
		n.write(b, t.Elem(), inArg)
	case *types.Slice:
		b.WriteString("[]")
		n.write(b, t.Elem(), inArg)
	case *types.Array:
		b.WriteString("[" + strconv.FormatInt(t.Len(), 10) + "]")
		n.write(b, t.Elem(), inArg)
	case *types.Map:
		b.WriteString("map[")
		n.write(b, t.Key(), inArg)
		b.WriteByte(']')
		n.write(b, t.Elem(), inArg)
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		default:
			b.WriteString("chan ")
		}
		// chan (<-chan int): a receive-only element would read as
		// another direction.
		if c, ok := types.Unalias(t.Elem()).(*types.Chan); ok && c.Dir() == types.RecvOnly && t.Dir() != types.RecvOnly {
			b.WriteByte('(')
			n.write(b, t.Elem(), inArg)
			b.WriteByte(')')
		} else {
			n.write(b, t.Elem(), inArg)
		}
	case *types.Signature:
		b.WriteString("func")
		n.signature(b, t, inArg)
	case *types.Struct:
		if t.NumFields() == 0 {
			b.WriteString("struct {}")
			return
		}
		b.WriteString("struct { ")
		for i := 0; i < t.NumFields(); i++ {
			if i > 0 {
				b.WriteString("; ")
			}
			f := t.Field(i)
			if !f.Embedded() {
				b.WriteString(f.Name() + " ")
			}
			n.write(b, f.Type(), inArg)
			if tag := t.Tag(i); tag != "" {
				b.WriteString(" " + strconv.Quote(tag))
			}
		}
		b.WriteString(" }")
	case *types.Interface:
		if t.NumMethods() == 0 {
			b.WriteString("interface {}")
			return
		}
		var ms []*types.Func
		for i := 0; i < t.NumMethods(); i++ {
			ms = append(ms, t.Method(i))
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].Name() < ms[j].Name() })
		b.WriteString("interface { ")
		for i, m := range ms {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(m.Name())
			n.signature(b, m.Type().(*types.Signature), inArg)
		}
		b.WriteString(" }")
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	default:
		b.WriteString(t.String())
	}
}

// signature appends a func type after "func": "(int, ...string) (bool, error)".
func (n namer) signature(b *strings.Builder, sig *types.Signature, inArg bool) {
	b.WriteByte('(')
	for i := 0; i < sig.Params().Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		pt := sig.Params().At(i).Type()
		if sig.Variadic() && i == sig.Params().Len()-1 {
			b.WriteString("...")
			if s, ok := pt.(*types.Slice); ok {
				pt = s.Elem()
			}
		}
		n.write(b, pt, inArg)
	}
	b.WriteByte(')')
	switch r := sig.Results(); r.Len() {
	case 0:
	case 1:
		b.WriteByte(' ')
		n.write(b, r.At(0).Type(), inArg)
	default:
		b.WriteString(" (")
		for i := 0; i < r.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			n.write(b, r.At(i).Type(), inArg)
		}
		b.WriteByte(')')
	}
}
