package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"strings"
	"time"
)

// Values of compiled packages print as they always did, on their own and
// inside a cell's types; their methods are called where fmt calls them
// (not through an unexported field).

type Record struct {
	When    time.Time
	Took    time.Duration
	took    time.Duration
	Err     error
	Buf     *bytes.Buffer
	N       *big.Int
	IP      net.IP
	URL     *url.URL
	Mode    os.FileMode
	private *strings.Builder
}

func main() {
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	var b bytes.Buffer
	b.WriteString("buffered")
	u, _ := url.Parse("https://example.com/a?b=c")
	r := Record{when, 1500 * time.Millisecond, time.Second, errors.New("boom"), &b, big.NewInt(1 << 40),
		net.IPv4(10, 0, 0, 1), u, 0o755, &strings.Builder{}}
	fmt.Println(when, r.Took, r.Err, &b, r.N, r.IP, u, r.Mode)
	fmt.Printf("%v|%s|%d|%x\n", when, r.Took, r.Took, r.N)
	fmt.Printf("%v\n", r.When)
	fmt.Println([]time.Duration{time.Second, time.Minute}, map[string]error{"e": r.Err})
	r.private = nil
	r.Buf = nil
	r.URL = nil
	fmt.Printf("%v\n%+v\n", r, r)
	fmt.Println([]Record{{Took: time.Hour, took: time.Hour}})
	fmt.Printf("%T %T %T\n", r.When, r.Err, r.N)
}
