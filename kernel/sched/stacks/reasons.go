package stacks

// Class is what a goroutine's status means for whoever waits on it.
type Class int

const (
	// Unknown: a status this table does not list. Treat it as able to go
	// on: a deadlock must never be reported on a guess.
	Unknown Class = iota
	// Running: on a CPU. In a dump this is the goroutine that took it: the
	// dump stops the world, and the others that were running show as
	// runnable.
	Running
	// Runnable: ready, waiting for a CPU (also "preempted").
	Runnable
	// Blocked: waits for another goroutine — a channel, a select, a lock, a
	// WaitGroup, a Cond. If every goroutine is Blocked, none ever runs again.
	Blocked
	// Sleeping: waits for a timer (time.Sleep), which wakes it.
	Sleeping
	// Syscall: in a system call or waiting for I/O; the outside world
	// (a file, the network, stdin) may wake it.
	Syscall
	// Runtime: the runtime's own waits (the GC, finalizers, the scheduler),
	// of its own goroutines or of one helping the GC for a moment. They end
	// by themselves.
	Runtime
)

// reasons lists every status the Go 1.26 runtime prints between a
// goroutine header's brackets (runtime2.go waitReasonStrings for a waiting
// goroutine, traceback.go gStatusStrings otherwise), and what it means.
var reasons = []struct {
	status string
	class  Class
}{
	// Waiting for another goroutine: the goroutines of a deadlock.
	{"chan receive", Blocked},
	{"chan send", Blocked},
	{"chan receive (nil chan)", Blocked},
	{"chan send (nil chan)", Blocked},
	{"select", Blocked},
	{"select (no cases)", Blocked},
	{"sync.Mutex.Lock", Blocked},
	{"sync.RWMutex.RLock", Blocked},
	{"sync.RWMutex.Lock", Blocked},
	{"sync.WaitGroup.Wait", Blocked},
	{"sync.Cond.Wait", Blocked},
	{"semacquire", Blocked}, // the standard library's other semaphores (an *os.File's lock)
	{"coroutine", Blocked},  // iter.Pull: waits for the other side
	{"chan receive (durable)", Blocked},
	{"chan send (durable)", Blocked},
	{"select (durable)", Blocked},
	{"sync.WaitGroup.Wait (durable)", Blocked},
	{"synctest.Run", Blocked},
	{"synctest.Wait", Blocked},

	// A timer wakes it.
	{"sleep", Sleeping},

	// The outside world may wake it.
	{"syscall", Syscall},
	{"IO wait", Syscall},

	// On a CPU, or about to be.
	{"running", Running},
	{"copystack", Running}, // its stack is being grown
	{"runnable", Runnable},
	{"preempted", Runnable},

	// The runtime's own waits.
	{"GC assist marking", Runtime},
	{"GC assist wait", Runtime},
	{"GC sweep wait", Runtime},
	{"GC scavenge wait", Runtime},
	{"GC worker (idle)", Runtime},
	{"GC worker (active)", Runtime},
	{"GC mark termination", Runtime},
	{"GC weak to strong wait", Runtime},
	{"garbage collection", Runtime},
	{"garbage collection scan", Runtime},
	{"wait for GC cycle", Runtime},
	{"stopping the world", Runtime},
	{"flushing proc caches", Runtime},
	{"force gc (idle)", Runtime},
	{"GOMAXPROCS updater (idle)", Runtime},
	{"finalizer wait", Runtime},
	{"cleanup wait", Runtime},
	{"dumping heap", Runtime},
	{"panicwait", Runtime},
	{"debug call", Runtime},
	{"trace reader (blocked)", Runtime},
	{"trace goroutine status", Runtime},
	{"trace proc status", Runtime},
	{"page trace flush", Runtime},
}

var classOf = func() map[string]Class {
	m := make(map[string]Class, len(reasons))
	for _, r := range reasons {
		m[r.status] = r.class
	}
	return m
}()

// ClassOf classifies a Goroutine's Status.
func ClassOf(status string) Class { return classOf[status] }
