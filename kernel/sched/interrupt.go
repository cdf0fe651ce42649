package sched

import (
	"context"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/gokernel/gokernel/kernel/sched/stacks"
)

// Interrupt ends the calling goroutine of a stopped cell: it panics with
// Interrupted, which the goroutine's entry recovers (Tracker.Go, the
// interpreter's Eval), or, in a goroutine that compiled code started
// (errgroup.Group.Go, time.AfterFunc running an interpreted func), where
// nothing of the kernel's is there to recover it, it parks the goroutine
// for good, without the cell's labels, so that neither a report nor the
// deadlock check counts it again.
//
// yaegi behaviour answered: a panic in a goroutine compiled code started
// while running an interpreted func kills the process (yaegi's runCfg
// recovers it only to panic again: "[recovered, repanicked]"); an
// interrupted errgroup worker used to end the worker, and the session.
// The parked goroutine is a leak that the session keeps; Go, whose program
// would have ended, has nothing to compare it with.
func (t *Tracker) Interrupt() {
	if !recoveredHere() {
		pprof.SetGoroutineLabels(context.Background())
		select {} // nothing can wake it: no channel, no timer
	}
	panic(Interrupted{})
}

// recoveredHere reports whether the calling goroutine was started by code
// that recovers Interrupted: the kernel's (Tracker.Go, the worker), the
// interpreter's (EvalWithContext recovers every panic of its goroutine), or
// the runtime (goroutine 1, in tests). Only an interrupt asks, so reading
// the stack costs nothing that matters.
func recoveredHere() bool {
	buf := make([]byte, 4<<10)
	n := runtime.Stack(buf, false)
	for n == len(buf) { // "created by" comes last
		buf = make([]byte, 2*len(buf))
		n = runtime.Stack(buf, false)
	}
	gs := stacks.Parse(buf[:n])
	if len(gs) == 0 || gs[0].CreatedBy == nil {
		return true
	}
	return recovers(gs[0].CreatedBy.Func)
}

// recovers reports whether a goroutine created by fn recovers Interrupted.
func recovers(fn string) bool {
	return strings.HasPrefix(fn, kernelPkg) || strings.HasPrefix(fn, yaegiPkg)
}

const (
	kernelPkg = "github.com/gokernel/gokernel/"
	yaegiPkg  = "github.com/traefik/yaegi/"
)
