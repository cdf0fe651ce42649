package main

import (
	"fmt"
	"slices"
	"strings"
)

type Order struct {
	ID       int
	Customer string
}

func main() {
	orders := []Order{
		{1, "zoe"}, {2, "amir"}, {3, "zoe"}, {4, "bo"}, {5, "amir"}, {6, "zoe"},
	}
	// Equal customers keep the order they came in.
	slices.SortStableFunc(orders, func(a, b Order) int {
		return strings.Compare(a.Customer, b.Customer)
	})
	for _, o := range orders {
		fmt.Printf("%-5s #%d\n", o.Customer, o.ID)
	}
	byCustomer := func(a, b Order) int { return strings.Compare(a.Customer, b.Customer) }
	fmt.Println("sorted:", slices.IsSortedFunc(orders, byCustomer))
}
