package main

import (
	"fmt"
	"slices"
	"strings"
)

type Book struct {
	Title string
	Year  int
}

func main() {
	primes := []int{2, 3, 5, 7, 11, 13}
	fmt.Println(slices.Contains(primes, 7), slices.Index(primes, 11), slices.Index(primes, 4))

	i, found := slices.BinarySearch(primes, 5)
	fmt.Println("5 at", i, found)
	i, found = slices.BinarySearch(primes, 6)
	fmt.Println("6 would go at", i, found)

	books := []Book{{"Dune", 1965}, {"Emma", 1815}, {"Ulysses", 1922}}
	old := slices.IndexFunc(books, func(b Book) bool { return b.Year < 1900 })
	fmt.Println("first old book:", books[old].Title)
	fmt.Println(slices.ContainsFunc(books, func(b Book) bool { return strings.HasPrefix(b.Title, "U") }))

	slices.SortFunc(books, func(a, b Book) int { return strings.Compare(a.Title, b.Title) })
	j, ok := slices.BinarySearchFunc(books, "Emma", func(b Book, t string) int { return strings.Compare(b.Title, t) })
	fmt.Println("Emma at", j, ok)
}
