package timeline

import (
	"strconv"
	"strings"
	"time"

	xtrace "golang.org/x/exp/trace"
)

// Trace is what the scheduler did while a recorded function ran: the Ps,
// the user's goroutines with their state over time, and the regions and
// tasks the code annotated. Times are offsets from the start of the
// recording window (just before f was called); the window ends just after f
// returned.
//
// A Trace is plain data: the kernel may rewrite a goroutine's Where or Func
// (to name cells and lines) before it draws it.
type Trace struct {
	Duration   time.Duration // length of the window
	GOMAXPROCS int           // runtime.GOMAXPROCS when the recording started
	Caller     int64         // ID of the goroutine that ran f

	Procs      []*Proc      // Ps that ran a goroutine in the window, by ID
	Goroutines []*Goroutine // the user's goroutines (Options.Keep), f's goroutine first, then by creation
	Tasks      []*Task      // trace.NewTask tasks of the user's goroutines, by start
	GC         []Range      // runtime-wide ranges: "GC" (concurrent mark phase) and "stop-the-world: why"

	Others int // goroutines that ran in the window but are not the user's (kernel, runtime)
	Events int // events read from the execution trace
	Bytes  int // size of the execution trace
}

// Proc is one P (a "processor": the right to run Go code; GOMAXPROCS of
// them) and what ran on it.
type Proc struct {
	ID    int
	Spans []ProcSpan // sorted, disjoint
}

// ProcSpan is one goroutine running on a P.
type ProcSpan struct {
	Start, End time.Duration
	G          int64
	User       bool // G is one of Trace.Goroutines
	GC         bool // G is a garbage collector worker
}

// Goroutine is one of the user's goroutines.
type Goroutine struct {
	ID         int64
	Parent     int64             // the goroutine that created it; 0 when it was created before the recording
	Caller     bool              // the goroutine that ran f
	Descendant bool              // created, directly or through others, by f's goroutine during the recording
	Func       string            // entry function, "" if unknown
	Created    []Frame           // the creator's stack at the go statement, innermost first; nil if unknown
	Where      string            // label for Created (Options.Frame), "" if unknown
	Labels     map[string]string // profiler labels (with Options.Labels; nil otherwise)

	Spans   []Span // contiguous and sorted, from when it exists in the window to when it ends
	Regions []Region
	Assist  []Range // GC mark assists: time it spent helping the collector while running
	Logs    []Log   // trace.Log calls

	Ended bool // returned during the window
}

// Span is a stretch of time a goroutine spent in one state.
type Span struct {
	Start, End time.Duration
	State      State
	Reason     Reason // why it is blocked (Blocked only)
	Raw        string // the trace's own reason for the transition into this state, e.g. "preempted"
	P          int    // the P it runs on (Running only), else -1
}

// Region is a trace.WithRegion / trace.StartRegion on one goroutine.
type Region struct {
	Type       string
	Task       uint64 // 0: no task
	Start, End time.Duration
	Depth      int // nesting depth on its goroutine, 0 outermost
}

// Task is a trace.NewTask.
type Task struct {
	ID, Parent uint64
	Type       string
	G          int64 // goroutine that created it, 0 if unknown
	Start, End time.Duration
}

// Range is a named stretch of time.
type Range struct {
	Name       string
	Start, End time.Duration
}

// Log is a trace.Log call.
type Log struct {
	At                time.Duration
	Category, Message string
}

// Frame is one stack frame.
type Frame struct {
	Func string // package path-qualified function name
	File string
	Line int
}

// State is what a goroutine is doing.
type State uint8

const (
	Running  State = iota + 1 // on a P, executing
	Runnable                  // ready, waiting for a P
	Blocked                   // waiting for something (Span.Reason)
)

func (s State) String() string {
	switch s {
	case Running:
		return "running"
	case Runnable:
		return "runnable"
	case Blocked:
		return "blocked"
	}
	return "state" + strconv.Itoa(int(s))
}

// Reason is what a Blocked goroutine waits for.
type Reason string

const (
	ChanSend Reason = "chan send"    // ch <- v
	ChanRecv Reason = "chan receive" // <-ch, range over a channel
	Select   Reason = "select"       // a select with no ready case
	Sleep    Reason = "sleep"        // time.Sleep
	Mutex    Reason = "mutex"        // sync.Mutex, sync.RWMutex
	Sync     Reason = "sync"         // sync.WaitGroup, sync.Cond, other semaphores
	Syscall  Reason = "syscall"      // in a system call (file I/O, …)
	IO       Reason = "network"      // network I/O (netpoller)
	GC       Reason = "GC"           // waiting for the garbage collector (assist, stop-the-world)
	Forever  Reason = "forever"      // select {}, a nil channel
	Unknown  Reason = "unknown"      // blocked since before the recording; the trace does not say on what
	Other    Reason = "other"        // anything else the runtime names
)

// transition is one row of the mapping from x/exp/trace state transitions
// to the model's states and reasons.
type transition struct {
	to     xtrace.GoState
	reason string // StateTransition.Reason (the runtime's own words); "*" matches any
	frame  string // prefix of a function on the transitioning goroutine's stack; "" matches any
	state  State
	why    Reason
}

// transitions is THE table: the first row that matches a transition gives
// the goroutine's new state. The reasons are the runtime's traceBlockReason
// strings; "sync" covers every sync semaphore, so the blocking stack tells
// a mutex from a WaitGroup.
var transitions = []transition{
	{xtrace.GoRunning, "*", "", Running, ""},
	{xtrace.GoRunnable, "*", "", Runnable, ""}, // created, woken up, "preempted", "runtime.Gosched"
	{xtrace.GoSyscall, "*", "", Blocked, Syscall},
	{xtrace.GoWaiting, "chan send", "", Blocked, ChanSend},
	{xtrace.GoWaiting, "chan receive", "", Blocked, ChanRecv},
	{xtrace.GoWaiting, "select", "", Blocked, Select},
	{xtrace.GoWaiting, "sleep", "", Blocked, Sleep},
	{xtrace.GoWaiting, "sync", "sync.(*Mutex).", Blocked, Mutex},
	{xtrace.GoWaiting, "sync", "sync.(*RWMutex).", Blocked, Mutex},
	{xtrace.GoWaiting, "sync", "internal/sync.(*Mutex).", Blocked, Mutex},
	{xtrace.GoWaiting, "sync", "", Blocked, Sync}, // sync.(*WaitGroup).Wait, semaphores
	{xtrace.GoWaiting, "sync.(*Cond).Wait", "", Blocked, Sync},
	{xtrace.GoWaiting, "network", "", Blocked, IO},
	{xtrace.GoWaiting, "GC mark assist wait for work", "", Blocked, GC},
	{xtrace.GoWaiting, "wait until GC ends", "", Blocked, GC},
	{xtrace.GoWaiting, "GC background sweeper wait", "", Blocked, GC},
	{xtrace.GoWaiting, "GC weak to strong wait", "", Blocked, GC},
	{xtrace.GoWaiting, "preempted", "", Blocked, GC}, // parked by the collector to scan its stack (suspendG)
	{xtrace.GoWaiting, "forever", "", Blocked, Forever},
	// A goroutine blocked since before the recording shows up with no
	// reason; with Options.Labels its wait reason in a traceback stands in
	// (the runtime's waitReason strings; "chan receive", "select", "sleep"
	// are the same words as above).
	{xtrace.GoWaiting, "sync.Mutex.Lock", "", Blocked, Mutex},
	{xtrace.GoWaiting, "sync.RWMutex.RLock", "", Blocked, Mutex},
	{xtrace.GoWaiting, "sync.RWMutex.Lock", "", Blocked, Mutex},
	{xtrace.GoWaiting, "sync.WaitGroup.Wait", "", Blocked, Sync},
	{xtrace.GoWaiting, "sync.Cond.Wait", "", Blocked, Sync},
	{xtrace.GoWaiting, "semacquire", "", Blocked, Sync},
	{xtrace.GoWaiting, "IO wait", "", Blocked, IO},
	{xtrace.GoWaiting, "GC assist wait", "", Blocked, GC},
	{xtrace.GoWaiting, "wait for GC cycle", "", Blocked, GC},
	{xtrace.GoWaiting, "chan receive (nil chan)", "", Blocked, Forever},
	{xtrace.GoWaiting, "chan send (nil chan)", "", Blocked, Forever},
	{xtrace.GoWaiting, "select (no cases)", "", Blocked, Forever},
	{xtrace.GoWaiting, "", "", Blocked, Unknown}, // a status at the start of the trace carries no reason
	{xtrace.GoWaiting, "*", "", Blocked, Other},  // "unspecified", "system goroutine wait", "synctest", …
}

// classify maps a transition into state to (with the runtime's reason and
// the goroutine's stack) to the model's state and reason. ok is false for
// NotExist (the goroutine ended) and states the table does not know.
func classify(to xtrace.GoState, reason string, stack xtrace.Stack) (s State, why Reason, ok bool) {
	var frames []string
	for _, row := range transitions {
		if row.to != to || (row.reason != "*" && row.reason != reason) {
			continue
		}
		if row.frame != "" {
			if frames == nil {
				frames = []string{}
				for f := range stack.Frames() {
					frames = append(frames, f.Func)
				}
			}
			if !anyPrefix(frames, row.frame) {
				continue
			}
		}
		return row.state, row.why, true
	}
	return 0, "", false
}

func anyPrefix(funcs []string, prefix string) bool {
	for _, f := range funcs {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}
