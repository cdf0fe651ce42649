package magic

import (
	"bufio"
	"bytes"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// goroutineRow is one group of identical user goroutines.
type goroutineRow struct {
	cell  int // In[n]
	state string
	count int
}

var (
	stackLine  = regexp.MustCompile(`^(\d+) @( 0x[0-9a-f]+)+$`)
	countLabel = regexp.MustCompile(`"gokernel\.count":"(\d+)"`)
)

// parseGoroutines reads a debug=1 goroutine profile: the goroutines that
// carry the gokernel.count label (package sched puts it on every goroutine
// a cell starts) are the user's. Their state comes from the frames, as in
// sched's deadlock check.
func parseGoroutines(profile []byte) []goroutineRow {
	merged := map[[2]string]*goroutineRow{}
	sc := bufio.NewScanner(bytes.NewReader(profile))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var count int
	var pcs []uintptr
	for sc.Scan() {
		line := sc.Text()
		if m := stackLine.FindStringSubmatch(line); m != nil {
			count, _ = strconv.Atoi(m[1])
			pcs = pcs[:0]
			for _, f := range strings.Fields(line)[2:] {
				if pc, err := strconv.ParseUint(strings.TrimPrefix(f, "0x"), 16, 64); err == nil {
					pcs = append(pcs, uintptr(pc))
				}
			}
			continue
		}
		if !strings.HasPrefix(line, "# labels:") {
			continue
		}
		m := countLabel.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		st := goroutineState(pcs)
		k := [2]string{m[1], st}
		if merged[k] == nil {
			n, _ := strconv.Atoi(m[1])
			merged[k] = &goroutineRow{cell: n, state: st}
		}
		merged[k].count += count
	}
	var rows []goroutineRow
	for _, r := range merged {
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].cell != rows[j].cell {
			return rows[i].cell < rows[j].cell
		}
		return rows[i].state < rows[j].state
	})
	return rows
}

// goroutineState names what a goroutine does, in the runtime's words
// where it waits in a channel operation or a lock, "sleep" in the kernel's
// time.Sleep, "running" otherwise.
func goroutineState(pcs []uintptr) string {
	frames := runtime.CallersFrames(pcs)
	parked := false
	state := ""
	for i := 0; i < 12; i++ {
		fr, more := frames.Next()
		fn := fr.Function
		switch {
		case i == 0 && (fn == "runtime.gopark" || fn == "runtime.goparkunlock"):
			parked = true
		case strings.Contains(fn, "sched.(*Tracker).Sleep"):
			return "sleep"
		case state == "" && strings.HasPrefix(fn, "runtime.chanrecv"):
			state = "chan receive"
		case state == "" && strings.HasPrefix(fn, "runtime.chansend"):
			state = "chan send"
		case state == "" && (fn == "runtime.selectgo" || fn == "reflect.rselect"):
			state = "select"
		case state == "" && fn == "runtime.block":
			state = "select (no cases)"
		case state == "" && strings.Contains(fn, "WaitGroup"):
			state = "sync.WaitGroup.Wait"
		case state == "" && strings.Contains(fn, "Semacquire"):
			state = "sync.Mutex.Lock"
		case state == "" && strings.Contains(fn, "notifyListWait"):
			state = "sync.Cond.Wait"
		}
		if !more {
			break
		}
	}
	if !parked {
		return "running"
	}
	if state == "" {
		return "waiting"
	}
	return state
}
