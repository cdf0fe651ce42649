package main

import "fmt"

// A card game's cards: Suit and Card both have String methods, and fmt
// calls them inside slices, maps, arrays, struct fields and behind a
// pointer at the top.

type Suit int

const (
	Spades Suit = iota
	Hearts
	Diamonds
	Clubs
)

func (s Suit) String() string { return [...]string{"♠", "♥", "♦", "♣"}[s] }

type Card struct {
	Rank int
	Suit Suit
}

func (c Card) String() string { return fmt.Sprintf("%d%v", c.Rank, c.Suit) }

type Hand struct {
	Owner string
	Cards []Card
}

func main() {
	hand := []Card{{1, Spades}, {7, Hearts}, {12, Clubs}}
	fmt.Println(hand)
	fmt.Println(hand[0], &hand[1])
	fmt.Printf("%v %s\n", hand, hand)
	fmt.Println([2]Suit{Diamonds, Clubs})
	fmt.Println(map[string]Card{"best": {13, Diamonds}, "worst": {2, Clubs}})
	h := Hand{Owner: "ann", Cards: hand}
	fmt.Println(h)
	fmt.Printf("%+v\n", h)
	fmt.Println(&h)
	fmt.Println(fmt.Sprint(hand), len(fmt.Sprintln(hand)))
	fmt.Println([]Suit{Spades, Hearts})
	fmt.Printf("%d %v\n", []Suit{Spades, Hearts}, []Suit{Spades, Hearts})
}
