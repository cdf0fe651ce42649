package typedfmt

// The format engine: Print's spacing, Println's, and Printf's directives —
// flags, width, precision, `*` and `[n]` argument indexes, and the error
// texts (%!d(MISSING), %!(EXTRA …), %!(BADWIDTH), …) exactly as fmt writes
// them. Each directive's value goes to printArg; a value with nothing of the
// session's in it is formatted by fmt itself with the same directive.

import (
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// state is one call's output and the directive being printed.
type state struct {
	p   *Printer
	buf []byte
	d   directive
	// erroring is set while a bad verb's operand is printed: no methods
	// are called then, as in fmt. panicking is set while a method's panic
	// value is printed: a second panic propagates.
	erroring, panicking bool
	wrap                *wrapping // Errorf's %w operands
}

func (p *Printer) newState() *state { return &state{p: p} }

// directive is the flags, width and precision of one %-directive.
type directive struct {
	minus, plus, sharp, space, zero bool
	plusV, sharpV                   bool // %+v and %#v
	wid, prec                       int
	widOK, precOK                   bool
	verb                            rune
}

// spec writes the directive back as a format for fmt, with verb.
func (d *directive) spec(verb rune) string {
	b := make([]byte, 0, 16)
	b = append(b, '%')
	if d.minus {
		b = append(b, '-')
	}
	if d.plus || d.plusV {
		b = append(b, '+')
	}
	if d.sharp || d.sharpV {
		b = append(b, '#')
	}
	if d.space {
		b = append(b, ' ')
	}
	if d.zero && !d.minus {
		b = append(b, '0')
	}
	if d.widOK {
		b = strconv.AppendInt(b, int64(d.wid), 10)
	}
	if d.precOK {
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(d.prec), 10)
	}
	return string(utf8.AppendRune(b, verb))
}

// delegate formats x with fmt under the current directive and verb.
func (s *state) delegate(verb rune, x any) {
	s.buf = fmt.Appendf(s.buf, s.d.spec(verb), x)
}

// padString writes str padded to the directive's width, as fmt pads
// <nil>.
func (s *state) padString(str string) {
	d := s.d
	d.precOK = false
	d.plus, d.plusV, d.sharp, d.sharpV, d.space = false, false, false, false, false
	s.buf = fmt.Appendf(s.buf, d.spec('s'), str)
}

func (s *state) doPrintln(args []arg) {
	for i, a := range args {
		if i > 0 {
			s.buf = append(s.buf, ' ')
		}
		s.d = directive{verb: 'v'}
		s.printArg(a, 'v')
	}
	s.buf = append(s.buf, '\n')
}

// doPrint adds a space between operands when neither is a string.
func (s *state) doPrint(args []arg) {
	prevString := false
	for i, a := range args {
		isString := s.kindOf(a) == reflect.String
		if i > 0 && !isString && !prevString {
			s.buf = append(s.buf, ' ')
		}
		s.d = directive{verb: 'v'}
		s.printArg(a, 'v')
		prevString = isString
	}
}

// kindOf is the reflect kind of an argument's dynamic value.
func (s *state) kindOf(a arg) reflect.Kind {
	if a.v == nil {
		return reflect.Invalid
	}
	rv := reflect.ValueOf(a.v)
	if a.boxed && rv.Kind() == reflect.Slice && rv.Len() == 1 {
		rv = rv.Index(0)
	}
	return s.resolve(rv, a.st).rv.Kind()
}

// tooLarge reports whether a width or precision is too large to be one.
func tooLarge(x int) bool { return x > 1e6 || x < -1e6 }

// parseNum reads a decimal number at s[i:end].
func parseNum(s string, i, end int) (num int, ok bool, next int) {
	for next = i; next < end && '0' <= s[next] && s[next] <= '9'; next++ {
		if tooLarge(num) {
			return 0, false, end
		}
		num = num*10 + int(s[next]-'0')
		ok = true
	}
	return num, ok, next
}

// intArg takes a `*` width or precision from args[n]: an integer of any
// kind that fits an int.
func (s *state) intArg(args []arg, n int) (num int, ok bool, next int) {
	next = n
	if n >= len(args) {
		return 0, false, next
	}
	next = n + 1
	v := reflect.ValueOf(args[n].v)
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x := v.Int()
		if int64(int(x)) == x {
			num, ok = int(x), true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x := v.Uint()
		if int64(x) >= 0 && uint64(int(x)) == x {
			num, ok = int(x), true
		}
	}
	if tooLarge(num) {
		num, ok = 0, false
	}
	return num, ok, next
}

// argIndex reads an explicit argument index "[n]" at format[i:]: the
// 0-based index, how far it reaches, and whether it is well formed.
func argIndex(format string, i int) (index, width int, ok bool) {
	rest := format[i:]
	if len(rest) < 3 {
		return 0, 1, false
	}
	for j := 1; j < len(rest); j++ {
		if rest[j] == ']' {
			n, isNum, next := parseNum(rest, 1, j)
			if !isNum || next != j {
				return 0, j + 1, false
			}
			return n - 1, j + 1, true
		}
	}
	return 0, 1, false
}

// printfState is what one Printf call tracks across directives.
type printfState struct {
	argNum     int
	reordered  bool
	goodArgNum bool
}

// indexAt applies an argument index at format[i:], if there is one.
func (ps *printfState) indexAt(format string, i, nargs int) (next int, found bool) {
	if i >= len(format) || format[i] != '[' {
		return i, false
	}
	ps.reordered = true
	index, width, ok := argIndex(format, i)
	if ok && 0 <= index && index < nargs {
		ps.argNum = index
		return i + width, true
	}
	ps.goodArgNum = false
	return i + width, ok
}

func (s *state) doPrintf(format string, args []arg) {
	ps := &printfState{}
	end := len(format)
	afterIndex := false
	for i := 0; i < end; {
		ps.goodArgNum = true
		start := i
		for i < end && format[i] != '%' {
			i++
		}
		if i > start {
			s.buf = append(s.buf, format[start:i]...)
		}
		if i >= end {
			break
		}
		i++ // the %
		s.d = directive{}
	flags:
		for ; i < end; i++ {
			switch format[i] {
			case '#':
				s.d.sharp = true
			case '0':
				s.d.zero = true
			case '+':
				s.d.plus = true
			case '-':
				s.d.minus = true
			case ' ':
				s.d.space = true
			default:
				break flags
			}
		}
		if s.d.minus {
			s.d.zero = false // padding on the right is with spaces
		}

		i, afterIndex = ps.indexAt(format, i, len(args))

		// Width: a number or *.
		if i < end && format[i] == '*' {
			i++
			s.d.wid, s.d.widOK, ps.argNum = s.intArg(args, ps.argNum)
			if !s.d.widOK {
				s.buf = append(s.buf, "%!(BADWIDTH)"...)
			}
			if s.d.wid < 0 {
				s.d.wid = -s.d.wid
				s.d.minus = true
				s.d.zero = false
			}
			afterIndex = false
		} else {
			s.d.wid, s.d.widOK, i = parseNum(format, i, end)
			if afterIndex && s.d.widOK { // "%[3]2d"
				ps.goodArgNum = false
			}
		}

		// Precision: a number, a * or nothing (0).
		if i+1 < end && format[i] == '.' {
			i++
			if afterIndex { // "%[3].2d"
				ps.goodArgNum = false
			}
			i, afterIndex = ps.indexAt(format, i, len(args))
			if i < end && format[i] == '*' {
				i++
				s.d.prec, s.d.precOK, ps.argNum = s.intArg(args, ps.argNum)
				if s.d.prec < 0 {
					s.d.prec = 0
					s.d.precOK = false
				}
				if !s.d.precOK {
					s.buf = append(s.buf, "%!(BADPREC)"...)
				}
				afterIndex = false
			} else {
				s.d.prec, s.d.precOK, i = parseNum(format, i, end)
				if !s.d.precOK {
					s.d.prec, s.d.precOK = 0, true
				}
			}
		}

		if !afterIndex {
			i, afterIndex = ps.indexAt(format, i, len(args))
		}

		if i >= end {
			s.buf = append(s.buf, "%!(NOVERB)"...)
			break
		}
		verb, size := rune(format[i]), 1
		if verb >= utf8.RuneSelf {
			verb, size = utf8.DecodeRuneInString(format[i:])
		}
		i += size
		s.d.verb = verb

		switch {
		case verb == '%': // a literal %, whatever the flags
			s.buf = append(s.buf, '%')
		case !ps.goodArgNum:
			s.buf = append(s.buf, "%!"...)
			s.buf = utf8.AppendRune(s.buf, verb)
			s.buf = append(s.buf, "(BADINDEX)"...)
		case ps.argNum >= len(args):
			s.buf = append(s.buf, "%!"...)
			s.buf = utf8.AppendRune(s.buf, verb)
			s.buf = append(s.buf, "(MISSING)"...)
		case verb == 'w' && s.wrap != nil && s.wrapError(args[ps.argNum]):
			ps.argNum++
		default:
			if verb == 'v' || verb == 'w' {
				s.d.sharpV, s.d.sharp = s.d.sharp, false
				s.d.plusV, s.d.plus = s.d.plus, false
			}
			s.printArg(args[ps.argNum], verb)
			ps.argNum++
		}
	}

	if !ps.reordered && ps.argNum < len(args) {
		s.d = directive{verb: 'v'}
		s.buf = append(s.buf, "%!(EXTRA "...)
		for i, a := range args[ps.argNum:] {
			if i > 0 {
				s.buf = append(s.buf, ", "...)
			}
			if a.v == nil {
				s.buf = append(s.buf, "<nil>"...)
				continue
			}
			s.buf = append(s.buf, s.typeName(s.resolveArg(a))...)
			s.buf = append(s.buf, '=')
			s.printArg(a, 'v')
		}
		s.buf = append(s.buf, ')')
	}
}

// wrapError handles Errorf's %w of an error operand: the text so far goes
// to the format for fmt.Errorf, then the directive, and the operand to its
// arguments. It reports false for an operand that is not an error (%!w
// then, as fmt writes it).
func (s *state) wrapError(a arg) bool {
	err := s.asError(a)
	if err == nil {
		return false
	}
	w := s.wrap
	w.format.WriteString(escapePercent(string(s.buf[w.flushed:])))
	d := s.d
	if d.sharp {
		d.sharp, d.sharpV = false, true
	}
	if d.plus {
		d.plus, d.plusV = false, true
	}
	w.format.WriteString(d.spec('w'))
	w.errs = append(w.errs, err)
	w.flushed = len(s.buf)
	return true
}
