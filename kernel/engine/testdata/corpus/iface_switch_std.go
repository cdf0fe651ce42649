package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Type switches on standard interfaces that user types implement:
// sort.Interface, io.Reader, error, fmt.Stringer, next to the standard
// library's own values.

type ByLen []string

func (b ByLen) Len() int           { return len(b) }
func (b ByLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b ByLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

type Upper struct {
	s    string
	done bool
}

func (u *Upper) Read(p []byte) (int, error) {
	if u.done {
		return 0, io.EOF
	}
	u.done = true
	return copy(p, strings.ToUpper(u.s)), nil
}

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

func handle(v any) string {
	switch x := v.(type) {
	case sort.Interface:
		sort.Sort(x)
		return fmt.Sprint("sorted ", x)
	case io.Reader:
		b, _ := io.ReadAll(x)
		return "read " + string(b)
	case error:
		return "failed: " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	}
	return "nothing"
}

func main() {
	fmt.Println(handle(ByLen{"ccc", "a", "bb"}))
	fmt.Println(handle(sort.IntSlice{3, 1, 2}))
	fmt.Println(handle(&Upper{s: "shout"}))
	fmt.Println(handle(strings.NewReader("plain reader")))
	fmt.Println(handle(Code(404)))
	fmt.Println(handle(io.EOF))
	fmt.Println(handle(Upper{s: "value"}))
	fmt.Println(handle(2.5))
}
