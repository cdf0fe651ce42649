package engine

// A pasted program (package main with func main) runs as a process does:
// when main returns, the goroutines it started stop and print nothing more
// (`go run` ends the process), and the cell says how many were stopped, in
// one line on stderr. A panic in any of its goroutines while main runs ends
// the program too (the worker's policy, through sched.Cell.Program). Cells
// that are not whole programs keep their goroutines running.

import (
	"fmt"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// runProgram runs the cell's renamed func main as the whole program's.
func (r *cellExec) runProgram(main func() *outcome.Error) *outcome.Error {
	c := r.e.tracker.Current()
	if c == nil {
		return main()
	}
	c.SetProgram()
	err := main()
	// The goroutine running the cell counts as one of its own.
	if n := c.Running() - 1; n > 0 {
		r.e.tracker.Stop(c)
		fmt.Fprintf(r.e.stderr, "[program exited: stopped %s]\n", outcome.Count(n, "goroutine"))
	}
	return err
}
