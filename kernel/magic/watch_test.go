package magic

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

// The live view counts the cell's goroutines by what they wait for, while
// the cell runs, and says when it has ended.
func TestWatchCountsWaits(t *testing.T) {
	r, _, _ := newRunner(t)
	var d displays
	r.Display = d.add
	if res := inCell(r, 1, "release := make(chan int)"); res.Err != nil {
		t.Fatal(res.Err)
	}
	v, err := r.Eng.Eval(context.Background(), "release")
	if err != nil {
		t.Fatal(err)
	}
	// Goroutines other tests of the package left blocked (a lesson's
	// server, a %check that timed out) are every cell's too, in the view
	// of a process: count this cell's on top of them.
	base := 0
	for _, w := range r.sample().waiting {
		if w.class == stacks.Blocked {
			base += w.n
		}
	}
	want := regexp.MustCompile(fmt.Sprintf(`blocked\s+%d\s`, base+4))
	c := r.Tracker.NewCell("watch", 2)
	results := make(chan Result, 1)
	go r.Tracker.Run(c, func() {
		results <- r.Run(context.Background(), "%goroutines --watch\nfor i := 0; i < 3; i++ {\n\tgo func() { <-release }()\n}\n<-release")
	})
	text := func(ev outcome.Display) string { s, _ := ev.Data["text/plain"].(string); return s }
	eventually(t, "an update counting 4 goroutines blocked on chan receive", func() bool {
		for _, ev := range d.all() {
			if ev.Update && strings.Contains(text(ev), "blocked") && want.MatchString(text(ev)) {
				return true
			}
		}
		return false
	}, func() string {
		if evs := d.all(); len(evs) > 0 {
			return text(evs[len(evs)-1])
		}
		return "no display"
	})
	v.Close()
	if res := <-results; res.Err != nil {
		t.Fatal(res.Err)
	}
	evs := d.all()
	last := evs[len(evs)-1]
	if evs[0].Update || evs[0].ID == "" || !last.Update || last.ID != evs[0].ID || !strings.Contains(text(last), "In[2]: ended after") {
		t.Errorf("first %+v, last %+v", evs[0], last)
	}
	if r.watch != nil {
		t.Errorf("the watcher outlived its cell")
	}
}
