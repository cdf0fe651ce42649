package supervisor

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/assist"
	"github.com/gokernel/gokernel/kernel/ipc"
)

// The worker's ready event says what it hosts beyond the standard library;
// the kernel's Assistant, fed with it, completes "display." and "%".
func TestReadyEventSaysWhatTheWorkerHosts(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	run(s, "1", "1") // the cell waits for the ready event, which reaches the sink first
	var ready *ipc.Event
	evs.mu.Lock()
	for _, e := range evs.evs {
		if e.Ev == ipc.EvReady {
			ready = e
		}
	}
	evs.mu.Unlock()
	if ready == nil || ready.Hosted == nil || ready.PID != s.PID() {
		t.Fatalf("ready event %+v", ready)
	}
	a := assist.New()
	a.LearnHosted(ready.Hosted)
	for code, want := range map[string]string{
		"display.Prog": "Progress", "%ti": "%time,%timeit", `import "gokernel/`: "gokernel/display",
	} {
		if got, _, _, _ := a.Complete(code, len(code)); strings.Join(got, ",") != want {
			t.Errorf("Complete(%q) = %v, want %s", code, got, want)
		}
	}
}

// Display events of a cell arrive in order with its stream output, under
// the cell of the goroutine that made them.
func TestDisplayEventsKeepOrder(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	ev := run(s, "d1", `import ("fmt"; "gokernel/display")
fmt.Println("before")
display.HTML("<b>x</b>")
fmt.Println("after")
id := display.Show("text/plain", "0")
display.Update(id, "text/plain", "1")
display.Clear(false)`)
	if ev.Status != ipc.StatusOK {
		t.Fatalf("%+v", ev.Error)
	}
	evs.mu.Lock()
	defer evs.mu.Unlock()
	var seq []string
	var showID string
	for _, e := range evs.evs {
		if e.ID != "d1" {
			continue
		}
		switch e.Ev {
		case ipc.EvStream:
			seq = append(seq, strings.TrimSpace(e.Text))
		case ipc.EvDisplay:
			if e.Data["text/html"] != nil {
				seq = append(seq, "html")
			} else if e.Update {
				seq = append(seq, "update")
				if e.DisplayID != showID || showID == "" {
					t.Errorf("update id %q, show id %q", e.DisplayID, showID)
				}
			} else {
				seq = append(seq, "show")
				showID = e.DisplayID
			}
		case ipc.EvClear:
			seq = append(seq, "clear")
		}
	}
	if got := strings.Join(seq, ","); got != "before,html,after,show,update,clear" {
		t.Errorf("order %s", got)
	}
}

// %reset gives a fresh worker with nothing restored; the session's types
// reach the kernel with EvDone; inspection answers from the worker.
func TestResetTypesInspect(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	run(s, "1", `type P struct{ X int }
func (p P) Get() int { return p.X }
p := P{3}`)
	ev := run(s, "2", "q := &P{4}")
	if ti := ev.Types["q"]; ti == nil || ti.Type != "*P" || len(ti.Members) != 2 {
		t.Errorf("types: %+v", ev.Types)
	}
	if text, ok := s.InspectValue("p"); !ok || text != "var p P = {3}" {
		t.Errorf("InspectValue(p) = %q %v", text, ok)
	}
	if _, ok := s.InspectValue("nosuch"); ok {
		t.Errorf("InspectValue(nosuch) found")
	}
	// While a cell runs: the type, without reading the value, and without
	// waiting for the cell (which sleeps until interrupted: an answer that
	// waited for it would come only after inspectTimeout, as not found).
	run(s, "imp", `import "time"`)
	wait := runAsync(t, s, "3", "time.Sleep(time.Hour)")
	waitStarted(t, s, "3")
	text, ok := s.InspectValue("q")
	if !ok || !strings.HasPrefix(text, "var q *P\n(value not read") {
		t.Errorf("InspectValue while busy = %q %v", text, ok)
	}
	s.Interrupt()
	wait()
	pid := s.PID()
	ev = run(s, "4", "%reset")
	if ev.Status != ipc.StatusOK || !strings.Contains(evs.text("4"), "Reset:") {
		t.Fatalf("%%reset: %+v %q", ev.Error, evs.text("4"))
	}
	ev = run(s, "5", "p")
	if ev.Status != ipc.StatusError || !strings.Contains(ev.Error.Value, "undefined: p") {
		t.Errorf("after %%reset p is %+v", ev)
	}
	if s.PID() == pid {
		t.Errorf("same worker after %%reset")
	}
	if ev := run(s, "6", "fmt.Println?"); len(ev.Payload) != 1 || !strings.Contains(ev.Payload[0]["data"].(map[string]any)["text/plain"].(string), "func Println") {
		t.Errorf("payload %+v", ev.Payload)
	}
}

// 100,000 printed lines reach the sink complete, in order, in batches (the
// worker's output policy), and output of a goroutine that outlives its
// cell arrives under that cell while another cell prints.
func TestOutputBatchedAndAttributed(t *testing.T) {
	s, evs := newTestSupervisor(t, time.Second)
	run(s, "0", `import ("fmt"; "time")`)
	if ev := run(s, "lines", "for i := 0; i < 100000; i++ { fmt.Println(i) }"); ev.Status != ipc.StatusOK {
		t.Fatalf("%+v", ev.Error)
	}
	var want strings.Builder
	for i := range 100000 {
		fmt.Fprintln(&want, i)
	}
	if got := evs.text("lines"); got != want.String() {
		t.Fatalf("got %d bytes, want the %d of 100000 lines in order", len(got), want.Len())
	}
	evs.mu.Lock()
	n := 0
	for _, e := range evs.evs {
		if e.ID == "lines" && e.Ev == ipc.EvStream {
			n++
		}
	}
	evs.mu.Unlock()
	t.Logf("100000 lines: %d stream events", n)
	if n > 1000 {
		t.Errorf("100000 lines took %d stream events: not batched", n)
	}

	// A goroutine of cell "bg" prints until cell "fg", which prints too,
	// has ended.
	run(s, "bg", "stop := make(chan bool)\ngo func() {\n\tfor i := 0; ; i++ {\n\t\tselect {\n\t\tcase <-stop:\n\t\t\tfmt.Println(\"bg done\")\n\t\t\treturn\n\t\tdefault:\n\t\t\tfmt.Println(\"bg\", i)\n\t\t\ttime.Sleep(100 * time.Microsecond)\n\t\t}\n\t}\n}()")
	run(s, "fg", "for i := 0; i < 1000; i++ { fmt.Println(\"fg\", i) }")
	run(s, "end", "close(stop)")
	stdout := func(id string) string {
		evs.mu.Lock()
		defer evs.mu.Unlock()
		var b strings.Builder
		for _, e := range evs.evs {
			if e.ID == id && e.Ev == ipc.EvStream && e.Name == "stdout" {
				b.WriteString(e.Text)
			}
		}
		return b.String()
	}
	waitFor(t, "the goroutine's last line", func() bool { return strings.HasSuffix(stdout("bg"), "bg done\n") })
	for id, prefix := range map[string]string{"bg": "bg ", "fg": "fg "} {
		for _, line := range strings.SplitAfter(strings.TrimSuffix(stdout(id), "\n"), "\n") {
			if !strings.HasPrefix(line, prefix) {
				t.Fatalf("cell %s got the line %q", id, line)
			}
		}
	}
	if got := stdout("fg"); strings.Count(got, "\n") != 1000 {
		t.Errorf("cell fg got %d lines", strings.Count(got, "\n"))
	}
}
