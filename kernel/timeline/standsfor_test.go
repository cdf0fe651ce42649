package timeline

import (
	"reflect"
	"testing"

	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

type waiter struct{}

// Wait blocks in a select, standing for a sleep.
func (waiter) Wait(release chan struct{}) {
	var never chan struct{}
	select {
	case <-release:
	case <-never:
	}
}

// A goroutine blocked in a function that stands for another wait gets that
// wait's reason.
func TestStandsFor(t *testing.T) {
	fn := reflect.TypeFor[waiter]().PkgPath() + ".waiter.Wait"
	sleeps := func(f string) (string, bool) { return "sleep", f == fn }
	for _, tc := range []struct {
		stands func(string) (string, bool)
		want   Reason
	}{{nil, Select}, {sleeps, Sleep}} {
		release, parked := make(chan struct{}), make(chan struct{})
		tr := record(t, Options{StandsFor: tc.stands}, func() {
			go func() {
				close(parked)
				waiter{}.Wait(release)
			}()
			<-parked
			for !blockedIn(fn) { // until it has parked in Wait
			}
			close(release)
		})
		got := Reason("")
		for _, g := range tr.Goroutines {
			for _, s := range g.Spans {
				if !g.Caller && s.State == Blocked && (s.Reason == Select || s.Reason == Sleep) {
					got = s.Reason
				}
			}
		}
		if got != tc.want {
			t.Errorf("StandsFor set %v: blocked for %q, want %q", tc.stands != nil, got, tc.want)
		}
	}
}

// blockedIn reports whether some goroutine is parked in a select in fn.
func blockedIn(fn string) bool {
	for _, g := range stacks.All() {
		for _, f := range g.Frames {
			if f.Func == fn && g.Status == "select" {
				return true
			}
		}
	}
	return false
}

// Skip drops a recording unparsed, once f has run.
func TestSkip(t *testing.T) {
	ran, size := false, 0
	tr, err := RecordWith(Options{Skip: func(n int) bool { size = n; return true }}, func() { ran = true })
	if tr != nil || err != ErrSkipped || !ran || size == 0 {
		t.Errorf("RecordWith = %v, %v; f ran %v; Skip saw %d bytes", tr, err, ran, size)
	}
}
