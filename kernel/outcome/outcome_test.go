package outcome

import "testing"

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		n    int
		noun string
		want string
	}{{0, "loop", "0 loops"}, {1, "goroutine", "1 goroutine"}, {2, "background goroutine", "2 background goroutines"}} {
		if got := Count(tt.n, tt.noun); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	e := Interrupt()
	if e.Error() != "interrupt: signal: interrupt" || len(e.Traceback) != 1 || e.Traceback[0] != "signal: interrupt" {
		t.Errorf("Interrupt() = %+v", e)
	}
}
