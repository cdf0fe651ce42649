package main

import (
	"fmt"
	"sort"
)

type ByLen []string

func (a ByLen) Len() int           { return len(a) }
func (a ByLen) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a ByLen) Less(i, j int) bool { return len(a[i]) < len(a[j]) }

func main() {
	words := []string{"banana", "kiwi", "apple", "fig"}
	sort.Sort(ByLen(words))
	fmt.Println(words)
}
