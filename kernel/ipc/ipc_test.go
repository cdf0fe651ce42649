package ipc

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/gokernel/gokernel/kernel/outcome"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   any
		out  any
	}{
		{"execute", &Request{Op: OpExecute, ID: "m1", Code: "fmt.Println(\"hi\")\n", Count: 3, AllowStdin: true,
			UserExpressions: map[string]string{"x": "1+1"}}, &Request{}},
		{"stream", &Event{Ev: EvStream, ID: "m1", Name: "stdout", Text: "line\n\x00ünï\n"}, &Event{}},
		{"error", &Event{Ev: EvDone, ID: "m1", Status: StatusError,
			Error: &outcome.Error{Name: "panic", Value: "boom", Traceback: []string{"panic: boom", "", "goroutine 1 [running]:"}}}, &Event{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := NewWriter(&buf).Write(tt.in); err != nil {
				t.Fatal(err)
			}
			r := NewReader(&buf)
			if err := r.Read(tt.out); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tt.in, tt.out) {
				t.Fatalf("got %#v, want %#v", tt.out, tt.in)
			}
			if err := r.Read(tt.out); err != io.EOF {
				t.Fatalf("after last frame: got %v, want io.EOF", err)
			}
		})
	}
}

func TestTruncated(t *testing.T) {
	var buf bytes.Buffer
	NewWriter(&buf).Write(&Event{Ev: EvReady, PID: 42})
	whole := buf.Bytes()
	for _, cut := range []int{2, 4, len(whole) - 1} {
		var ev Event
		err := NewReader(bytes.NewReader(whole[:cut])).Read(&ev)
		if !errors.Is(err, ErrTruncated) {
			t.Errorf("cut at %d: got %v, want ErrTruncated", cut, err)
		}
	}
}

func TestOversizedLengthRejected(t *testing.T) {
	var ev Event
	err := NewReader(bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff, '{'})).Read(&ev)
	if err == nil || errors.Is(err, ErrTruncated) {
		t.Fatalf("got %v, want a length error", err)
	}
}
