package sched

import (
	"slices"
	"testing"
	"time"
)

func TestGoroutinesNameTheirCellAndWhatTheStudentWrote(t *testing.T) {
	tr := NewTracker()
	c := newCell(tr, "goroutines", 4)
	release := make(chan struct{})
	startIn(tr, c, func() {
		tr.Go(func() { tr.Sleep(time.Hour) }) // time.Sleep, as the front-end rewrites it
		tr.Go(func() { tr.Block() })          // select {}
		<-release
	})
	eventually(t, "the goroutines to wait", func() bool {
		return slices.Equal(reasonsOf(tr, c), []string{"chan receive", "select (no cases)", "sleep"})
	})
	for _, g := range tr.Goroutines() {
		if g.Cell == c && (g.Count != 4 || g.ID == 0 || g.Labels[cellLabel] != c.ID) {
			t.Errorf("%+v", g)
		}
	}
	if _, ok := tr.Deadlock(); ok {
		t.Error("a sleeping goroutine is not asleep for good")
	}

	// A nil Tracker, or another one, knows no cell, but the count is in the labels.
	for _, other := range []*Tracker{nil, NewTracker()} {
		n := 0
		for _, g := range other.Goroutines() {
			if g.Labels[cellLabel] == c.ID {
				n++
				if g.Cell != nil || g.Count != 4 {
					t.Errorf("%+v", g)
				}
			}
		}
		if n != 3 {
			t.Errorf("%d goroutines of the cell seen through %v", n, other)
		}
	}

	tr.Stop(c)
	close(release)
	eventually(t, "the cell's goroutines to end", func() bool { return c.Running() == 0 && len(reasonsOf(tr, c)) == 0 })
}
