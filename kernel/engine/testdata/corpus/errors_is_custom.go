package main

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

// StatusErr matches any target of the same class (4xx, 5xx).
type StatusErr struct{ Code int }

func (e StatusErr) Error() string { return fmt.Sprintf("status %d", e.Code) }
func (e StatusErr) Is(target error) bool {
	t, ok := target.(StatusErr)
	return ok && t.Code/100 == e.Code/100
}

// QueryErr wraps the error of a query, behind a pointer.
type QueryErr struct {
	Query string
	Err   error
}

func (e *QueryErr) Error() string { return e.Query + ": " + e.Err.Error() }
func (e *QueryErr) Unwrap() error { return e.Err }

// NamedErr matches a target with the same name, or any when the target's is empty.
type NamedErr struct{ Name string }

func (e *NamedErr) Error() string { return "no " + e.Name }
func (e *NamedErr) Is(target error) bool {
	t, ok := target.(*NamedErr)
	return ok && (t.Name == "" || t.Name == e.Name)
}

// Multi holds several errors.
type Multi struct{ errs []error }

func (m Multi) Error() string   { return fmt.Sprint(len(m.errs), " errors") }
func (m Multi) Unwrap() []error { return m.errs }

func find(q string) error {
	if q == "" {
		return &QueryErr{Query: "empty", Err: ErrNotFound}
	}
	return &QueryErr{Query: q, Err: &NamedErr{Name: q}}
}

func main() {
	fmt.Println(errors.Is(StatusErr{404}, StatusErr{400}), errors.Is(StatusErr{404}, StatusErr{500}))
	var err error = StatusErr{503}
	fmt.Println(errors.Is(err, StatusErr{500}), errors.Is(err, ErrNotFound))

	e1 := find("")
	fmt.Println(e1, errors.Is(e1, ErrNotFound), errors.Unwrap(e1) == ErrNotFound)
	e2 := find("user")
	fmt.Println(e2, errors.Is(e2, &NamedErr{}), errors.Is(e2, &NamedErr{Name: "user"}), errors.Is(e2, &NamedErr{Name: "cat"}))
	fmt.Println(errors.Unwrap(errors.Unwrap(e2)) == nil)

	wrapped := fmt.Errorf("lookup: %w", e2)
	fmt.Println(errors.Is(wrapped, &NamedErr{}), errors.Is(wrapped, ErrNotFound))

	m := Multi{[]error{find("x"), find("")}}
	fmt.Println(errors.Is(m, ErrNotFound), errors.Is(m, &NamedErr{Name: "x"}), errors.Is(m, &NamedErr{Name: "y"}), errors.Unwrap(m) == nil)
	fmt.Println(errors.Is(nil, ErrNotFound), errors.Is(nil, nil), errors.Is(ErrNotFound, ErrNotFound))

	joined := errors.Join(errors.New("first"), find("disk"))
	fmt.Println(errors.Is(joined, &NamedErr{Name: "disk"}))
}
