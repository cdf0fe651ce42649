package main

import "fmt"

// A Tour of Go, "Exercise: Stringers": make IPAddr print as a dotted quad.
// corpus: unordered

type IPAddr [4]byte

func (ip IPAddr) String() string {
	return fmt.Sprintf("%v.%v.%v.%v", ip[0], ip[1], ip[2], ip[3])
}

func main() {
	hosts := map[string]IPAddr{
		"loopback":  {127, 0, 0, 1},
		"googleDNS": {8, 8, 8, 8},
	}
	for name, ip := range hosts {
		fmt.Printf("%v: %v\n", name, ip)
	}
	fmt.Println(hosts)
	fmt.Printf("%#v %T\n", hosts["loopback"], hosts)
}
