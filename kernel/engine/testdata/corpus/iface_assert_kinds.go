package main

import (
	"fmt"
	"io"
)

// Assertions to user and standard interfaces, comma-ok and single, of user
// types of every kind; a value T whose method has a pointer receiver is
// not the interface, *T is.

type Shape interface{ Area() float64 }

type Square float64
type Rect struct{ W, H float64 }
type Poly []float64
type Grid map[int]float64
type Fn func() float64

func (s Square) Area() float64 { return float64(s * s) }
func (r *Rect) Area() float64  { return r.W * r.H }
func (p Poly) Area() float64 {
	t := 0.0
	for _, x := range p {
		t += x
	}
	return t
}
func (g Grid) Area() float64 { return float64(len(g)) }
func (f Fn) Area() float64   { return f() }

type Text string

func (t Text) Read(p []byte) (int, error) { return copy(p, t), io.EOF }
func (t Text) String() string             { return "text " + string(t) }

func area(v any) string {
	if s, ok := v.(Shape); ok {
		return fmt.Sprint("area ", s.Area())
	}
	return fmt.Sprintf("%T is no shape", v)
}

func main() {
	fmt.Println(area(Square(3)))
	for _, v := range []any{&Rect{2, 5}, Rect{1, 1}, Poly{1, 2, 3}, Grid{1: 1, 2: 2}, Fn(func() float64 { return 7 }), 4} {
		fmt.Println(area(v))
	}
	var a any = Poly{2, 2}
	s := a.(Shape)
	fmt.Println("single form:", s.Area())
	var t any = Text("hello")
	if r, ok := t.(io.Reader); ok {
		b, _ := io.ReadAll(r)
		fmt.Println("reader:", string(b))
	}
	if st, ok := t.(fmt.Stringer); ok {
		fmt.Println("stringer:", st.String())
	}
	_, isShape := t.(Shape)
	fmt.Println("text is a shape:", isShape)
	var sh Shape = Poly{1, 1}
	_, isStringer := sh.(fmt.Stringer)
	fmt.Println("poly is a stringer:", isStringer)
	done := make(chan string)
	go func() { done <- area(&Rect{3, 3}) }()
	fmt.Println("from a goroutine:", <-done)
}
