package worker

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// The pump must deliver every byte written before sync returns, in order,
// without leaking markers, however the writes are cut.
func TestPumpSyncDeliversEverything(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
	}{
		{"empty", nil},
		{"one line", []string{"hello\n"}},
		{"partial line", []string{"no newline"}},
		{"NUL bytes like a marker start", []string{"a\x00b\x00gokernel", "-not-a-marker\n"}},
		{"large", []string{strings.Repeat("x", 200<<10)}},
		{"many", strings.Split(strings.Repeat("line\n", 2000), "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var got strings.Builder
			p, err := newPump("stdout", func(name, text string) {
				mu.Lock()
				got.WriteString(text)
				mu.Unlock()
			})
			if err != nil {
				t.Fatal(err)
			}
			defer p.w.Close()
			want := strings.Join(tt.writes, "")
			for _, s := range tt.writes {
				if _, err := p.w.Write([]byte(s)); err != nil {
					t.Fatal(err)
				}
			}
			for range 3 { // repeated syncs must not emit anything of their own
				p.sync(5 * time.Second)
			}
			mu.Lock()
			defer mu.Unlock()
			if got.String() != want {
				t.Fatalf("got %d bytes %.40q, want %d bytes %.40q", got.Len(), got.String(), len(want), want)
			}
		})
	}
}
