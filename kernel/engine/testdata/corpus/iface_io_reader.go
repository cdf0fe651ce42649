package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type upper struct{ r io.Reader }

func (u upper) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] >= 'a' && p[i] <= 'z' {
			p[i] -= 32
		}
	}
	return n, err
}

func main() {
	n, err := io.Copy(os.Stdout, upper{strings.NewReader("hello, reader\n")})
	fmt.Println(n, err)
	b, _ := io.ReadAll(upper{strings.NewReader("again")})
	fmt.Println(string(b))
}
