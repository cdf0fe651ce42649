package main

import (
	"context"
	"fmt"
)

type key string

func main() {
	ctx := context.WithValue(context.Background(), key("user"), "ada")
	fmt.Println(ctx.Value(key("user")), ctx.Value(key("x")))
}
