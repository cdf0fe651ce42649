package sched

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
)

// The Go runtime reports "all goroutines are asleep - deadlock!" only when
// no goroutine at all can run. In the worker the kernel's own goroutines are
// always there, so the runtime never sees a student's deadlock: the cell
// would hang until interrupted. Deadlock looks for it instead, from the
// goroutine profile: the goroutines that carry a cell label are the user's;
// if every one of them is parked in a channel operation, a select or a sync
// primitive, and nothing the kernel knows of can wake one (a timer, a sleep,
// a read from stdin: see Hold), they are all asleep.
//
// A sample is a snapshot, so a caller should see the same deadlock twice, a
// few hundred milliseconds apart, before reporting it (Watch does).

// Parked is one group of identical user goroutines in a deadlock.
type Parked struct {
	Cell  string // the cell that started them, e.g. "In[3]"
	State string // as the runtime names it: "chan receive", "select", ...
	Count int
	Where []string // interpreted-code frames when known, else compiled frames
}

// blockingFuncs maps the runtime function a parked goroutine waits in to the
// state name the Go runtime prints in a traceback.
var blockingFuncs = []struct{ fn, state string }{
	{"runtime.chanrecv", "chan receive"},
	{"runtime.chansend", "chan send"},
	{"runtime.block", "select (no cases)"},
	{"runtime.selectgo", "select"},
	{"reflect.rselect", "select"},
	{"sync.runtime_SemacquireWaitGroup", "sync.WaitGroup.Wait"},
	{"sync.runtime_SemacquireRWMutexR", "sync.RWMutex.RLock"},
	{"sync.runtime_SemacquireRWMutex", "sync.RWMutex.Lock"},
	{"internal/sync.runtime_SemacquireMutex", "sync.Mutex.Lock"},
	{"sync.runtime_SemacquireMutex", "sync.Mutex.Lock"},
	{"sync.runtime_notifyListWait", "sync.Cond.Wait"},
	{"sync.runtime_Semacquire", "semacquire"},
}

var (
	stackLine = regexp.MustCompile(`^(\d+) @( 0x[0-9a-f]+)+$`)
	labelLine = regexp.MustCompile(`^# labels: \{(.*)\}$`)
	cellLabel = regexp.MustCompile(`"gokernel\.cell":"([^"]*)"`)
)

// Deadlock reports whether every user goroutine is parked for good, and
// where they are. It returns false when there is no user goroutine, or while
// a Hold is active.
func (t *Tracker) Deadlock() ([]Parked, bool) {
	if t.holds.Load() > 0 {
		return nil, false
	}
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		return nil, false
	}
	t.mu.Lock()
	names := make(map[string]string, len(t.byLabel))
	for _, c := range t.byLabel {
		names[c.ID] = c.String()
	}
	t.mu.Unlock()
	return parseDeadlock(buf.Bytes(), func(id string) string { return names[id] }, stateOf)
}

// parseDeadlock reads a debug=1 goroutine profile. cell names the cell of a
// gokernel.cell label ("" for a cell of no interest); state names the parked
// state of a stack (by its PCs), or "" for a goroutine that can still run.
func parseDeadlock(profile []byte, cell func(id string) string, state func(pcs []uintptr) string) ([]Parked, bool) {
	var parked []Parked
	sc := bufio.NewScanner(bytes.NewReader(profile))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var cur *Parked
	var curPCs []uintptr
	flush := func() {
		if cur != nil && cur.Cell != "" {
			parked = append(parked, *cur)
		}
		cur = nil
	}
	deadlocked := true
	for sc.Scan() {
		line := sc.Text()
		if m := stackLine.FindStringSubmatch(line); m != nil {
			flush()
			n, _ := strconv.Atoi(m[1])
			curPCs = curPCs[:0]
			for _, f := range strings.Fields(line)[2:] {
				pc, err := strconv.ParseUint(strings.TrimPrefix(f, "0x"), 16, 64)
				if err == nil {
					curPCs = append(curPCs, uintptr(pc))
				}
			}
			cur = &Parked{Count: n}
			continue
		}
		if cur == nil {
			continue
		}
		if m := labelLine.FindStringSubmatch(line); m != nil {
			if c := cellLabel.FindStringSubmatch(m[1]); c != nil && cell(c[1]) != "" {
				cur.Cell = cell(c[1])
				cur.State = state(curPCs)
				if cur.State == "" {
					deadlocked = false
				}
			}
			continue
		}
		if strings.HasPrefix(line, "#\t") && cur.Cell != "" {
			if f := frameName(line); f != "" && !internalFrame(f) {
				cur.Where = append(cur.Where, f)
			}
		}
	}
	flush()
	if len(parked) == 0 || !deadlocked {
		return nil, false
	}
	sort.SliceStable(parked, func(i, j int) bool { return parked[i].Cell < parked[j].Cell })
	return parked, true
}

// internalFrame reports a frame of the runtime, the interpreter or the
// kernel: they say nothing about the student's code.
func internalFrame(f string) bool {
	for _, p := range []string{"runtime.", "reflect.", "sync.", "internal/", "github.com/traefik/yaegi/", "github.com/gokernel/gokernel/"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// frameName extracts "pkg.Func" from a "#\t0x…\tpkg.Func+0x…\tfile:line" line.
func frameName(line string) string {
	f := strings.Split(line, "\t")
	if len(f) < 3 {
		return ""
	}
	name, _, _ := strings.Cut(f[2], "+0x")
	return strings.TrimSpace(name)
}

// stateOf names the blocking runtime function among the first frames of a
// stack, or "" if the goroutine is not parked on a channel or a lock.
func stateOf(pcs []uintptr) string {
	frames := runtime.CallersFrames(pcs)
	// A parked goroutine's stack starts in gopark; one that is running or
	// was preempted, even inside a channel operation, does not.
	if fr, _ := frames.Next(); fr.Function != "runtime.gopark" && fr.Function != "runtime.goparkunlock" {
		return ""
	}
	for range 8 {
		fr, more := frames.Next()
		for _, b := range blockingFuncs {
			if fr.Function == b.fn {
				return b.state
			}
		}
		if !more {
			break
		}
	}
	return ""
}

// Hold marks an outside event that may wake a user goroutine (a timer, a
// pending read from stdin); while any hold is active there is no deadlock.
// Release undoes one Hold.
func (t *Tracker) Hold()    { t.holds.Add(1) }
func (t *Tracker) Release() { t.holds.Add(-1) }

// DeadlockReport formats parked goroutines the way Go reports a deadlock.
func DeadlockReport(parked []Parked) []string {
	lines := []string{"fatal error: all goroutines are asleep - deadlock!", ""}
	for _, p := range parked {
		head := fmt.Sprintf("goroutine [%s], started in %s", p.State, p.Cell)
		if p.Count > 1 {
			head += fmt.Sprintf(" (%d goroutines)", p.Count)
		}
		lines = append(lines, head+":")
		for _, w := range p.Where {
			lines = append(lines, "\t"+w)
		}
	}
	return lines
}
