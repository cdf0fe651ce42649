package timeline

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// synthetic is a made-up Trace of n goroutines over dur, each with about
// spans state changes, running on procs Ps: the size %%timeline must cope
// with, without recording it.
func synthetic(n int, dur time.Duration, spans, procs int) *Trace {
	rng := rand.New(rand.NewPCG(1, 2))
	reasons := []Reason{ChanRecv, ChanSend, Select, Sleep, Mutex, Sync}
	t := &Trace{Duration: dur, GOMAXPROCS: procs, Caller: 1}
	for i := range n {
		g := &Goroutine{ID: int64(i + 1), Caller: i == 0, Descendant: i > 0, Func: "main.worker", Where: "main.main main.go:12"}
		at := time.Duration(rng.Int64N(int64(dur / 4)))
		step := (dur - at) / time.Duration(spans)
		for k := 0; k < spans && at < dur; k++ {
			end := min(at+time.Duration(rng.Int64N(int64(2*step)))+1, dur)
			s := Span{Start: at, End: end, P: -1}
			switch k % 3 {
			case 0:
				s.State = Runnable
			case 1:
				s.State, s.P = Running, rng.IntN(procs)
			default:
				s.State, s.Reason = Blocked, reasons[rng.IntN(len(reasons))]
			}
			g.Spans = append(g.Spans, s)
			at = end
		}
		t.Goroutines = append(t.Goroutines, g)
	}
	perP := n * spans / 3 / procs
	for p := range procs {
		pr := &Proc{ID: p}
		step := dur / time.Duration(max(perP, 1))
		for at := time.Duration(0); at < dur; {
			end := min(at+time.Duration(rng.Int64N(int64(2*step)))+1, dur)
			pr.Spans = append(pr.Spans, ProcSpan{Start: at, End: end, G: int64(rng.IntN(n) + 1), User: true})
			at = end
		}
		t.Procs = append(t.Procs, pr)
	}
	return t
}

// A trace too big to draw is summarised: at most MaxGoroutines lanes,
// the rest in one "+K more goroutines" lane, short spans merged, and the
// SVG about MaxBytes at most.
func TestSVGCaps(t *testing.T) {
	big := synthetic(10000, time.Second, 20, 2)
	for _, tc := range []struct {
		name  string
		opts  SVGOptions
		lanes int // -1: whatever fits the byte budget
	}{
		{"default", SVGOptions{}, 32},
		{"lanes", SVGOptions{MaxGoroutines: 5}, 5},
		{"bytes", SVGOptions{MaxGoroutines: 100000}, -1},
		{"small budget", SVGOptions{MaxGoroutines: 100000, MaxBytes: 300 << 10}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := SVG(big, tc.opts)
			budget := tc.opts.norm().MaxBytes
			if len(s) > budget {
				t.Errorf("SVG is %d bytes, over the %d budget", len(s), budget)
			}
			root := parseSVG(t, "caps-"+strings.ReplaceAll(tc.name, " ", "-"), s)
			g := lanes(root, "G")
			if tc.lanes >= 0 && len(g) != tc.lanes {
				t.Errorf("%d goroutine lanes, want %d", len(g), tc.lanes)
			}
			if tc.lanes < 0 && (len(g) < 3 || len(g) >= 10000) {
				t.Errorf("%d goroutine lanes: the byte budget should cut the lanes short", len(g))
			}
			if root.attr("data-lanes") != strconv.Itoa(len(g)) {
				t.Errorf("data-lanes = %s, %d lanes drawn", root.attr("data-lanes"), len(g))
			}
			more := lanes(root, "more")
			if len(more) != 1 || more[0].attr("data-count") != strconv.Itoa(10000-len(g)) {
				t.Fatalf("want one \"more\" lane counting %d goroutines", 10000-len(g))
			}
			sum := spans(t, more[0])
			if len(sum) == 0 {
				t.Errorf("the \"more\" lane is empty")
			}
			merged := 0
			for _, l := range lanes(root, "P") {
				for _, sp := range spans(t, l) {
					merged += b2i(sp.merged)
				}
			}
			if merged == 0 {
				t.Errorf("no merged spans on the P lanes of a 10,000-goroutine second")
			}
			if len(lanes(root, "P")) != 2 {
				t.Errorf("want 2 P lanes")
			}
		})
	}
}

// BenchmarkSVG10k renders one second of 10,000 goroutines; the goal is at
// most 1 s an SVG (it is a benchmark, not a timed test).
func BenchmarkSVG10k(b *testing.B) {
	big := synthetic(10000, time.Second, 20, 2)
	var n int
	for b.Loop() {
		n = len(SVG(big, SVGOptions{}))
	}
	b.ReportMetric(float64(n)/1e6, "MB")
}

func BenchmarkSummary10k(b *testing.B) {
	big := synthetic(10000, time.Second, 20, 2)
	for b.Loop() {
		Summary(big)
	}
}

func fanOut(n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for range n {
		go func() {
			defer wg.Done()
			spinN(2000)
		}()
	}
	wg.Wait()
}

// BenchmarkFanout10k is a fan-out of 10,000 goroutines plain and under the
// tracer: plain-ms, traced-ms (f under trace.Start/Stop), parse-ms (reading
// the trace into a Trace), svg-ms, and ratio = (traced+parse)/plain, what
// %%timeline costs over running the cell.
func BenchmarkFanout10k(b *testing.B) {
	var plain, traced, parse, draw time.Duration
	var size int
	for b.Loop() {
		t0 := time.Now()
		fanOut(10000)
		t1 := time.Now()
		r, err := recordRaw(false, func() { fanOut(10000) })
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		tr, err := r.build(Options{})
		if err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		SVG(tr, SVGOptions{})
		t4 := time.Now()
		plain, traced, parse, draw = plain+t1.Sub(t0), traced+t2.Sub(t1), parse+t3.Sub(t2), draw+t4.Sub(t3)
		size = r.buf.Len()
		if len(tr.Goroutines) != 10001 {
			b.Fatalf("%d goroutines, want 10001", len(tr.Goroutines))
		}
	}
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return float64(d) / n / 1e6 }
	b.ReportMetric(ms(plain), "plain-ms")
	b.ReportMetric(ms(traced), "traced-ms")
	b.ReportMetric(ms(parse), "parse-ms")
	b.ReportMetric(ms(draw), "svg-ms")
	b.ReportMetric(float64(traced+parse)/float64(plain), "ratio")
	b.ReportMetric(float64(size)/1e6, "trace-MB")
}
