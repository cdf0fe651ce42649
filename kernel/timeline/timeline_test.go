package timeline

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ---- workloads: named functions, so that their lanes can be found by data-func

var sink atomic.Uint64

func spinN(n int) {
	x := uint64(n) | 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	sink.Add(x)
}

// itersPerMs calibrates spinN once.
var itersPerMs = sync.OnceValue(func() int {
	for n := 1 << 16; ; n *= 2 {
		start := time.Now()
		spinN(n)
		if el := time.Since(start); el > 3*time.Millisecond {
			return max(int(float64(n)/(float64(el)/float64(time.Millisecond))), 1)
		}
	}
})

// spin does about d of CPU work (on an idle CPU).
func spin(d time.Duration) {
	spinN(int(float64(itersPerMs()) * float64(d) / float64(time.Millisecond)))
}

// cpuBound spins until all n of its kind have started, then works d. The
// rendezvous makes overlap certain under two Ps however loaded the machine
// is: the first cannot finish before the second has run. (Under one P the
// Go scheduler's preemption lets the others start.)
func cpuBound(wg *sync.WaitGroup, d time.Duration, started *atomic.Int32, n int32) {
	defer wg.Done()
	started.Add(1)
	for started.Load() < n {
		spinN(1000)
	}
	spin(d)
}

func sleeper(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 5; i++ {
		time.Sleep(2 * time.Millisecond)
	}
}

func busy(wg *sync.WaitGroup) {
	defer wg.Done()
	spin(10 * time.Millisecond)
}

// poolWorker takes jobs until the channel closes. A round of jobs is one
// per worker: after taking one, a worker spins (still running) until the
// round's other jobs are taken, so no worker can take two, however the
// machine schedules them; it reports its job done on round.
func poolWorker(jobs <-chan int, wg *sync.WaitGroup, taken *atomic.Int32, round *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		taken.Add(1)
		for taken.Load() < int32(j/3+1)*3 {
			spinN(1000)
		}
		spin(300 * time.Microsecond)
		round.Done()
	}
}

func withProcs(t *testing.T, n int) {
	prev := runtime.GOMAXPROCS(n)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
}

func record(t *testing.T, opts Options, f func()) *Trace {
	t.Helper()
	itersPerMs() // calibrate outside the recording
	tr, err := RecordWith(opts, f)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// ---- (1) GOMAXPROCS(1) vs GOMAXPROCS(2)

func TestGOMAXPROCS(t *testing.T) {
	for _, tc := range []struct{ procs, goroutines int }{
		{1, 2}, {1, 4}, {2, 2}, {2, 4},
	} {
		t.Run(fmt.Sprintf("procs=%d/goroutines=%d", tc.procs, tc.goroutines), func(t *testing.T) {
			withProcs(t, tc.procs)
			// Two Ps can run two goroutines at once, but on a loaded machine
			// the OS may not run the second P's thread while the first
			// works: a few recordings, until one shows it.
			for attempt := 1; ; attempt++ {
				tr := record(t, Options{}, func() {
					var wg sync.WaitGroup
					var started atomic.Int32
					wg.Add(tc.goroutines)
					for range tc.goroutines {
						go cpuBound(&wg, 15*time.Millisecond, &started, int32(tc.goroutines))
					}
					wg.Wait()
				})
				root := parseSVG(t, fmt.Sprintf("gomaxprocs-%d-%d", tc.procs, tc.goroutines), SVG(tr, SVGOptions{}))
				if got := root.attr("data-gomaxprocs"); got != strconv.Itoa(tc.procs) {
					t.Errorf("data-gomaxprocs = %s, want %d", got, tc.procs)
				}
				plane := lanes(root, "P")
				if len(plane) == 0 || len(plane) > tc.procs {
					t.Fatalf("%d P lanes, want 1..%d", len(plane), tc.procs)
				}
				pids := map[int64]bool{}
				for _, l := range plane {
					id, _ := strconv.ParseInt(l.attr("data-id"), 10, 64)
					pids[id] = true
				}
				workers := lanesByFunc(root, ".cpuBound")
				if len(workers) != tc.goroutines {
					t.Fatalf("%d cpuBound lanes, want %d", len(workers), tc.goroutines)
				}
				var running []rectSpan
				for _, l := range workers {
					n := 0
					for _, s := range spans(t, l) {
						if s.state == "running" && !s.merged {
							if !pids[s.p] {
								t.Errorf("G%d runs on P%d, which has no lane", s.g, s.p)
							}
							running = append(running, s)
							n++
						}
					}
					if n == 0 {
						t.Errorf("lane G%s has no running span", l.attr("data-id"))
					}
				}
				// The P lanes show the same goroutines running.
				onP := map[int64]bool{}
				for _, l := range plane {
					for _, s := range spans(t, l) {
						onP[s.g] = true
					}
				}
				for _, l := range workers {
					if id, _ := strconv.ParseInt(l.attr("data-id"), 10, 64); !onP[id] {
						t.Errorf("G%d never appears on a P lane", id)
					}
				}
				overlap := overlapping(running)
				if tc.procs == 1 {
					if overlap != "" {
						t.Errorf("under GOMAXPROCS(1) two goroutines ran at once: %s", overlap)
					}
					return
				}
				if runtime.NumCPU() < 2 {
					t.Skipf("this machine has %d CPU: cannot check that 2 Ps run goroutines at the same time", runtime.NumCPU())
				}
				if overlap != "" {
					return
				}
				if attempt == 5 {
					t.Errorf("under GOMAXPROCS(2) no two goroutines ever ran at the same time (%d recordings)", attempt)
					return
				}
			}
		})
	}
}

// overlapping describes two running spans of different goroutines that
// overlap in time, "" if none do.
func overlapping(running []rectSpan) string {
	sort.Slice(running, func(i, j int) bool { return running[i].start < running[j].start })
	for i := range running {
		for j := i + 1; j < len(running) && running[j].start < running[i].end; j++ {
			if running[j].g != running[i].g {
				return fmt.Sprintf("G%d %d–%d and G%d %d–%d", running[i].g, running[i].start, running[i].end,
					running[j].g, running[j].start, running[j].end)
			}
		}
	}
	return ""
}

// ---- (2) a sleeper and a busy goroutine

func TestSleepVsBusy(t *testing.T) {
	tr := record(t, Options{}, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go sleeper(&wg)
		go busy(&wg)
		wg.Wait()
	})
	root := parseSVG(t, "sleep-vs-busy", SVG(tr, SVGOptions{}))
	sl, bu := lanesByFunc(root, ".sleeper"), lanesByFunc(root, ".busy")
	if len(sl) != 1 || len(bu) != 1 {
		t.Fatalf("%d sleeper and %d busy lanes, want 1 and 1", len(sl), len(bu))
	}
	sleeps := 0
	for _, s := range spans(t, sl[0]) {
		if s.state == "blocked" && s.reason == string(Sleep) {
			sleeps++
		}
	}
	if sleeps < 5 {
		t.Errorf("the sleeper's lane has %d blocked spans with reason sleep, want 5", sleeps)
	}
	var run, all int64
	for _, s := range spans(t, bu[0]) {
		all += s.end - s.start
		if s.state == "running" {
			run += s.end - s.start
		}
		if s.reason == string(Sleep) {
			t.Errorf("the busy goroutine sleeps: %+v", s)
		}
	}
	if all == 0 || run*2 < all {
		t.Errorf("the busy goroutine runs %d ns of %d, want most of it", run, all)
	}
	// The legend explains sleep, and the glyph is drawn.
	if !legendHas(root, "blocked:sleep") || !legendHas(root, "running") {
		t.Errorf("the legend lacks running or sleep")
	}
}

func legendHas(root *node, item string) bool {
	found := false
	root.walk(func(n *node) { found = found || n.has("legend-item") && n.attr("data-item") == item })
	return found
}

// ---- (3) a worker pool: 3 workers, 12 jobs over a channel

func TestWorkerPool(t *testing.T) {
	tr := record(t, Options{}, func() {
		jobs := make(chan int)
		var wg, round sync.WaitGroup
		var taken atomic.Int32
		wg.Add(3)
		for range 3 {
			go poolWorker(jobs, &wg, &taken, &round)
		}
		// Rounds of three jobs; the next round comes when the last is done
		// and the producer has worked a millisecond, so every worker waits
		// for a job between two.
		for j := range 15 {
			if j%3 == 0 {
				round.Wait()
				time.Sleep(time.Millisecond) // the producer's work
				round.Add(3)
			}
			jobs <- j
		}
		round.Wait()
		close(jobs)
		wg.Wait()
	})
	root := parseSVG(t, "worker-pool", SVG(tr, SVGOptions{}))
	workers := lanesByFunc(root, ".poolWorker")
	if len(workers) != 3 {
		t.Fatalf("%d worker lanes, want 3", len(workers))
	}
	total := 0
	for _, l := range workers {
		var seq []string // states in time order, runnable left out
		runs := 0
		for _, s := range spans(t, l) {
			switch {
			case s.state == "running":
				runs++
				if len(seq) == 0 || seq[len(seq)-1] != "run" {
					seq = append(seq, "run")
				}
			case s.state == "blocked":
				seq = append(seq, s.reason)
			}
		}
		// running, blocked on chan receive, running again
		between := 0
		for i := 1; i+1 < len(seq); i++ {
			if seq[i-1] == "run" && seq[i] == string(ChanRecv) && seq[i+1] == "run" {
				between++
			}
		}
		if runs < 3 || between < 2 {
			t.Errorf("worker G%s: %d running spans, %d chan-receive blocks between them, want several (%v)",
				l.attr("data-id"), runs, between, seq)
		}
		total += between
	}
	if total < 8 {
		t.Errorf("%d waits for a job between jobs in all, want about 12", total)
	}
	if !legendHas(root, "blocked:chan receive") {
		t.Errorf("the legend does not explain chan receive")
	}
}

// ---- which goroutines are the user's

// background stands for the kernel's own goroutines (output flushers…):
// it runs during the recording but was not started by it.
func background(wake <-chan struct{}, ack chan<- struct{}) {
	for range wake {
		ack <- struct{}{}
	}
}

func labelled(wake <-chan struct{}, ack chan<- struct{}) {
	for range wake {
		ack <- struct{}{}
	}
}

func TestFilter(t *testing.T) {
	wakeB, wakeL, ack := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go background(wakeB, ack)
	pprof.Do(context.Background(), pprof.Labels("gokernel.cell", "cell-1", "gokernel.count", "1"),
		func(context.Context) { go labelled(wakeL, ack) })
	defer close(wakeB)
	defer close(wakeL)
	godebug, had := os.LookupEnv("GODEBUG")

	f := func() {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // a descendant that starts another
			defer wg.Done()
			done := make(chan struct{})
			go func() { close(done) }()
			<-done
		}()
		wg.Wait()
		wakeB <- struct{}{}
		<-ack
		wakeL <- struct{}{}
		<-ack
	}
	for _, tc := range []struct {
		name                string
		opts                Options
		labelled, grandkids bool
	}{
		{"default", Options{}, false, true},
		{"labels", Options{Labels: true, Keep: KeepLabel("gokernel.cell")}, true, true},
		{"label value", Options{Labels: true, Keep: KeepLabel("gokernel.cell", "cell-1")}, true, true},
		{"other cell", Options{Labels: true, Keep: KeepLabel("gokernel.cell", "cell-2")}, false, true},
		{"caller only", Options{Keep: func(g *Goroutine) bool { return g.Caller }}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := record(t, tc.opts, f)
			var gotL, gotB bool
			kids := 0
			for _, g := range tr.Goroutines {
				switch {
				case strings.HasSuffix(g.Func, ".background"):
					gotB = true
				case strings.HasSuffix(g.Func, ".labelled"):
					gotL = true
					if g.Labels["gokernel.cell"] != "cell-1" {
						t.Errorf("labelled goroutine's labels: %v", g.Labels)
					}
					// blocked since before the recording: the traceback says on what
					if s := g.Spans[0]; s.State != Blocked || s.Reason != ChanRecv {
						t.Errorf("labelled goroutine's first span %+v, want blocked on chan receive", s)
					}
					if !strings.Contains(g.Where, "timeline_test.go:") {
						t.Errorf("labelled goroutine (older than the recording) created at %q, want this file", g.Where)
					}
				case g.Descendant:
					kids++
					if !strings.Contains(g.Where, "TestFilter") || !strings.Contains(g.Where, "timeline_test.go:") {
						t.Errorf("descendant G%d created at %q, want func file:line in this test", g.ID, g.Where)
					}
				case g.Caller:
				default:
					t.Errorf("unexpected goroutine G%d %s", g.ID, g.Func)
				}
				if isRuntime(g.Func) {
					t.Errorf("runtime goroutine G%d %s kept", g.ID, g.Func)
				}
			}
			if gotB {
				t.Errorf("the background goroutine is shown as the user's")
			}
			if gotL != tc.labelled {
				t.Errorf("labelled goroutine shown: %v, want %v", gotL, tc.labelled)
			}
			if want := map[bool]int{true: 2, false: 0}[tc.grandkids]; kids != want {
				t.Errorf("%d descendants, want %d", kids, want)
			}
			if tr.Goroutines[0].ID != tr.Caller || !tr.Goroutines[0].Caller {
				t.Errorf("the first lane is not f's goroutine")
			}
			if tr.Others == 0 {
				t.Errorf("Others = 0: the background goroutine ran and was not counted")
			}
			// never merge: the background goroutine's spans are short
			root := parseSVG(t, "filter-"+strings.ReplaceAll(tc.name, " ", "-"), SVG(tr, SVGOptions{MinSpanPx: -1}))
			if n := len(lanes(root, "G")); n != len(tr.Goroutines) {
				t.Errorf("%d G lanes for %d goroutines", n, len(tr.Goroutines))
			}
			other := false
			for _, l := range lanes(root, "P") {
				l.walk(func(n *node) { other = other || n.has("other") })
			}
			if !other {
				t.Errorf("no P span of another goroutine (class other)")
			}
			if v, ok := os.LookupEnv("GODEBUG"); v != godebug || ok != had {
				t.Errorf("GODEBUG left as %q (%v), was %q (%v)", v, ok, godebug, had)
			}
		})
	}
}

// ---- contract

func TestRecordErrors(t *testing.T) {
	// one recording at a time
	var inner error
	if _, err := Record(func() { _, inner = Record(func() {}) }); err != nil {
		t.Fatal(err)
	}
	if inner == nil {
		t.Errorf("a Record inside a Record succeeded")
	}
	// a panic in f stops the tracer and goes on up
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want boom", r)
			}
		}()
		Record(func() { panic("boom") })
	}()
	if _, err := Record(func() {}); err != nil {
		t.Errorf("after a panic: %v", err)
	}
}

func TestRegionsAndTasks(t *testing.T) {
	tr := record(t, Options{}, func() {
		ctx, task := trace.NewTask(context.Background(), "fetch")
		var wg sync.WaitGroup
		wg.Add(2)
		for i := range 2 {
			go func() {
				defer wg.Done()
				trace.WithRegion(ctx, "download", func() {
					time.Sleep(time.Millisecond)
					trace.WithRegion(ctx, "parse", func() { spin(200 * time.Microsecond) })
				})
				trace.Logf(ctx, "done", "part %d", i)
			}()
		}
		wg.Wait()
		task.End()
	})
	if len(tr.Tasks) != 1 || tr.Tasks[0].Type != "fetch" {
		t.Fatalf("tasks %+v, want one fetch", tr.Tasks)
	}
	root := parseSVG(t, "regions", SVG(tr, SVGOptions{}))
	regions := map[string]int{}
	root.walk(func(n *node) {
		if n.XMLName.Local == "rect" && n.has("region") {
			regions[n.attr("data-type")+"/"+n.attr("data-depth")]++
			if n.attr("data-task") != strconv.FormatUint(tr.Tasks[0].ID, 10) {
				t.Errorf("region %s not in the task", n.attr("data-type"))
			}
		}
	})
	if regions["download/0"] != 2 || regions["parse/1"] != 2 {
		t.Errorf("regions %v, want 2 download (depth 0) and 2 parse (depth 1)", regions)
	}
	tasks, logs := 0, 0
	root.walk(func(n *node) {
		tasks += b2i(n.XMLName.Local == "rect" && n.has("task") && n.attr("data-type") == "fetch")
		logs += b2i(n.has("log"))
	})
	if tasks != 1 || logs != 2 {
		t.Errorf("%d task bars and %d log marks, want 1 and 2", tasks, logs)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
