package ipc

import (
	"bytes"
	"testing"
)

// FuzzReader reads arbitrary bytes as frames: it must return an error or a
// decoded frame, never panic, and never trust a length beyond MaxFrame.
func FuzzReader(f *testing.F) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Write(&Request{Op: OpExecute, ID: "m1", Code: "1 + 1"})
	w.Write(&Event{Ev: EvStream, ID: "m1", Name: "stdout", Text: "hi\n"})
	f.Add(buf.Bytes())
	f.Add([]byte{0, 0, 0, 2, '{', '}'})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0, 0, 0, 5, '[', '1', ']', ' ', ' '})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		for i := 0; i < 16; i++ {
			var ev Event
			if err := r.Read(&ev); err != nil {
				return
			}
		}
	})
}
