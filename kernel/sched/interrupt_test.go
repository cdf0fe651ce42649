package sched

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

// parkedInInterrupt counts the goroutines of the process that wait in
// Interrupt, and how many of those still carry a cell's labels.
func parkedInInterrupt() (n, labelled int) {
	for _, g := range stacks.All() {
		if slices.ContainsFunc(g.Frames, func(f stacks.Frame) bool { return strings.HasSuffix(f.Func, ".(*Tracker).Interrupt") }) {
			n++
			if _, ok := g.Labels[cellLabel]; ok {
				labelled++
			}
		}
	}
	return n, labelled
}

// An interrupted goroutine ends by a panic its entry recovers; one that
// compiled code started has no such entry (the panic would kill the
// process), so it parks, without the cell's labels.
func TestInterruptWhoeverStartedTheGoroutine(t *testing.T) {
	tests := []struct {
		name   string
		start  func(tr *Tracker, body func()) // starts body in a goroutine of the calling goroutine's cell
		parked bool
	}{
		{"Tracker.Go", func(tr *Tracker, body func()) { tr.Go(body) }, false},
		{"errgroup.Group.Go", func(tr *Tracker, body func()) {
			var g errgroup.Group
			g.Go(func() error { body(); return nil })
		}, true},
		{"time.AfterFunc", func(tr *Tracker, body func()) {
			c := tr.Current()
			time.AfterFunc(0, func() { tr.Enter(c); body() })
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := NewTracker()
			c := newCell(tr, tt.name, 1)
			before, _ := parkedInInterrupt()
			reached := make(chan struct{})
			returned := make(chan struct{})
			startIn(tr, c, func() {
				tt.start(tr, func() {
					defer close(returned) // runs when the panic unwinds; never when parked
					close(reached)
					<-tr.Done()
					tr.Interrupt()
				})
			})
			<-reached
			tr.Stop(c)
			if tt.parked {
				eventually(t, "the goroutine to park in Interrupt", func() bool {
					n, labelled := parkedInInterrupt()
					return n == before+1 && labelled == 0
				})
				select {
				case <-returned:
					t.Fatal("the parked goroutine unwound")
				default:
				}
				return
			}
			<-returned
			eventually(t, "the cell's goroutine to end", func() bool { return c.Running() == 0 })
		})
	}
}

// A goroutine that compiled code starts shares its creator's label set:
// the cell's goroutine, waiting in the compiled call, still shows its own
// site, the started ones theirs, and only the cell's goroutine is reported
// first, as the one that runs the cell.
func TestDeadlockInGoroutinesCompiledCodeStarted(t *testing.T) {
	tr := NewTracker()
	c := newCell(tr, "errgroup", 3)
	results := make(chan int)
	startIn(tr, c, func() {
		var g errgroup.Group
		g.SetLimit(2)
		for i := 0; i < 5; i++ {
			tr.At("\tmain.main\tIn[3]:9") // g.Go(...): a plain site
			g.Go(func() error {
				tr.Recv(results, "chan receive\tmain.main.func1\tIn[3]:10") // ends when results is closed
				return nil
			})
		}
	})
	var parked []Parked
	eventually(t, "a deadlock", func() bool {
		var ok bool
		parked, ok = tr.Deadlock()
		return ok && len(parked) == 3
	})
	close(results)
	type got struct{ State, Func, At string }
	want := []got{
		{"chan send", "main.main", "In[3]:9"}, // in errgroup's semaphore
		{"chan receive", "main.main.func1", "In[3]:10"},
		{"chan receive", "main.main.func1", "In[3]:10"},
	}
	for i, p := range parked {
		if g := (got{p.State, p.Func, p.At}); g != want[i] {
			t.Errorf("goroutine %d: %+v, want %+v", i, g, want[i])
		}
	}
	if !slices.Contains(parked[0].Where, "golang.org/x/sync/errgroup.(*Group).Go") {
		t.Errorf("the cell's goroutine waits in %q, want errgroup.(*Group).Go among them", parked[0].Where)
	}
}

func TestParkedReportPutsCompiledFramesAroundTheStudents(t *testing.T) {
	tests := []struct {
		name string
		p    Parked
		want []string
	}{
		{"waits in compiled code it called",
			Parked{ID: 1, State: "chan send", Func: "main.main", At: "In[2]:11", Where: []string{"golang.org/x/sync/errgroup.(*Group).Go"}, Inner: 1},
			[]string{"", "goroutine 1 [chan send]:", "golang.org/x/sync/errgroup.(*Group).Go(...)", "\t?", "main.main(...)", "\tIn[2]:11"}},
		{"called by compiled code",
			Parked{ID: 7, State: "chan send", Func: "main.main.func1", At: "In[2]:12", Where: []string{"golang.org/x/sync/errgroup.(*Group).Go.func1"}},
			[]string{"", "goroutine 7 [chan send]:", "main.main.func1(...)", "\tIn[2]:12", "golang.org/x/sync/errgroup.(*Group).Go.func1(...)", "\t?"}},
		{"no site",
			Parked{ID: 3, State: "select", Cell: "In[4]"},
			[]string{"", "goroutine 3 [select]:", "\t(started in In[4])"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParkedReport([]Parked{tt.p}); !slices.Equal(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestUserFramesInner(t *testing.T) {
	fr := func(names ...string) []stacks.Frame {
		var out []stacks.Frame
		for _, n := range names {
			out = append(out, stacks.Frame{Func: n})
		}
		return out
	}
	tests := []struct {
		name   string
		frames []stacks.Frame
		where  []string
		inner  int
	}{
		{"compiled wait under interpreted code",
			fr("runtime.chansend1", "golang.org/x/sync/errgroup.(*Group).Go", "reflect.Value.call", "github.com/traefik/yaegi/interp.callBin.func11", "github.com/traefik/yaegi/interp.runCfg"),
			[]string{"golang.org/x/sync/errgroup.(*Group).Go"}, 1},
		{"interpreted code under compiled code",
			fr("runtime.selectgo", "reflect.Select", "github.com/traefik/yaegi/interp.send.func2", "github.com/traefik/yaegi/interp.runCfg", "golang.org/x/sync/errgroup.(*Group).Go.func1"),
			[]string{"golang.org/x/sync/errgroup.(*Group).Go.func1"}, 0},
		{"no interpreter",
			fr("runtime.chansend1", "golang.org/x/sync/errgroup.(*Group).Go", "github.com/gokernel/gokernel/kernel/sched.startIn.func1"),
			[]string{"golang.org/x/sync/errgroup.(*Group).Go"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			where, inner := userFrames(tt.frames)
			if !slices.Equal(where, tt.where) || inner != tt.inner {
				t.Errorf("userFrames = %q, %d; want %q, %d", where, inner, tt.where, tt.inner)
			}
		})
	}
}
