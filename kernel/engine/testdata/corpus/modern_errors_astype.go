package main

import (
	"errors"
	"fmt"
)

type NotFoundError struct {
	Resource string
	ID       int
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s %d not found", e.Resource, e.ID)
}

func findUser(id int) error {
	if id > 100 {
		return &NotFoundError{"user", id}
	}
	return nil
}

func handler(id int) error {
	if err := findUser(id); err != nil {
		return fmt.Errorf("handler: %w", err)
	}
	return nil
}

func main() {
	for _, id := range []int{7, 404} {
		err := handler(id)
		if nf, ok := errors.AsType[*NotFoundError](err); ok {
			fmt.Println("404:", nf.Resource, nf.ID)
			fmt.Println("full error:", err)
			continue
		}
		fmt.Println("ok:", id, err == nil)
	}
}
