package worker

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/outcome"
	"github.com/gokernel/gokernel/kernel/sched"
)

// sentEvents records what an output sends.
type sentEvents struct {
	mu  sync.Mutex
	evs []*ipc.Event
}

func (s *sentEvents) send(ev *ipc.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evs = append(s.evs, ev)
	return nil
}

func (s *sentEvents) all() []*ipc.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*ipc.Event(nil), s.evs...)
}

func newOutput() (*output, *sentEvents) {
	s := &sentEvents{}
	return &output{send: s.send, tracker: sched.NewTracker(), fallback: func() string { return "cell" }}, s
}

// waitFor polls cond until it holds; the deadline only stops a test that
// would otherwise hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// 100,000 lines become a few stream events, each of whole lines, all of
// them in order.
func TestOutputBatchesLines(t *testing.T) {
	o, s := newOutput()
	w := o.writer("stdout")
	var want strings.Builder
	start := time.Now()
	for i := range 100000 {
		line := fmt.Sprintf("%d\n", i)
		want.WriteString(line)
		w.Write([]byte(line))
	}
	o.Flush()
	took := time.Since(start)
	var got strings.Builder
	evs := s.all()
	for _, ev := range evs {
		if ev.Ev != ipc.EvStream || ev.ID != "cell" || ev.Name != "stdout" {
			t.Fatalf("unexpected event %+v", ev)
		}
		if !strings.HasSuffix(ev.Text, "\n") {
			t.Errorf("a batch ends mid-line: …%q", ev.Text[max(0, len(ev.Text)-10):])
		}
		got.WriteString(ev.Text)
	}
	if got.String() != want.String() {
		t.Fatalf("got %d bytes, want %d in order", got.Len(), want.Len())
	}
	// The policy's bound: one event per streamMax bytes, one per
	// streamDelay the loop took (however slow the machine made it), and
	// the Flush.
	if limit := want.Len()/streamMax + int(took/streamDelay) + 2; len(evs) > limit {
		t.Errorf("100k lines in %v took %d stream events, want at most %d", took, len(evs), limit)
	}
}

// Writes for different cells and streams keep their order; consecutive
// writes to one cell and stream are merged.
func TestOutputKeepsOrderAcrossCells(t *testing.T) {
	o, s := newOutput()
	o.add("a", "stdout", "1\n")
	o.add("a", "stdout", "2\n")
	o.add("b", "stdout", "3\n")
	o.add("a", "stderr", "4\n")
	o.event(outcome.Display{Data: map[string]any{"text/plain": "5"}})
	o.add("a", "stdout", "6\n")
	o.Flush()
	var seq []string
	for _, ev := range s.all() {
		seq = append(seq, fmt.Sprintf("%s/%s:%s%v", ev.ID, ev.Name, strings.TrimSpace(ev.Text), ev.Data["text/plain"]))
	}
	want := "a/stdout:1\n2<nil>,b/stdout:3<nil>,a/stderr:4<nil>,cell/:5,a/stdout:6<nil>"
	if got := strings.Join(seq, ","); got != want {
		t.Errorf("events\n got %s\nwant %s", got, want)
	}
}

// Without a Flush, output goes out on its own.
func TestOutputSendsOnItsOwn(t *testing.T) {
	o, s := newOutput()
	o.add("a", "stdout", "done\nprogress: 10%")
	waitFor(t, "the output", func() bool {
		var b strings.Builder
		for _, ev := range s.all() {
			b.WriteString(ev.Text)
		}
		return b.String() == "done\nprogress: 10%"
	})
}

// age makes the pending batch, and its unfinished line, d old, and runs
// the timer's work: the tests below decide what "late" means themselves
// instead of racing a loaded machine's timers.
func age(o *output, d time.Duration) {
	o.mu.Lock()
	o.began = o.began.Add(-d)
	for i := range o.pending {
		o.pending[i].since = o.pending[i].since.Add(-d)
	}
	o.mu.Unlock()
	o.tick()
}

// The timer sends finished lines; an unfinished one waits for its end up
// to lineWait, then goes as it is.
func TestOutputUnfinishedLine(t *testing.T) {
	o, s := newOutput()
	texts := func() string {
		var out []string
		for _, ev := range s.all() {
			out = append(out, ev.Text)
		}
		return strings.Join(out, "|")
	}
	o.add("a", "stdout", "done\nworking")
	age(o, streamDelay)
	if got := texts(); got != "done\n" {
		t.Fatalf("after streamDelay: %q, want the finished line alone", got)
	}
	o.add("a", "stdout", "… done\nstep 2")
	age(o, streamDelay)
	if got := texts(); got != "done\n|working… done\n" {
		t.Fatalf("once finished: %q, want the line whole", got)
	}
	age(o, lineWait)
	if got := texts(); got != "done\n|working… done\n|step 2" {
		t.Fatalf("after lineWait: %q, want the unfinished line sent", got)
	}
}
