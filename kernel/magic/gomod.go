package magic

// %go get: a module made importable in later cells, interpreted from
// source, and remembered in the go.mod beside the notebook (package
// modules does the work).

import (
	"context"
	"strings"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// goCommand is `%go ARGS`; only `get` is a magic, other go commands are
// shell lines (!go …).
func (r *Runner) goCommand(ctx context.Context, args string) *outcome.Error {
	f := strings.Fields(args)
	if len(f) == 0 || f[0] != "get" {
		return magicError("%go: the magic is %go get MODULE[@VERSION]; run other go commands as shell lines (!go " + args + ")")
	}
	if r.Modules == nil {
		return magicError("%go get: this worker has no module support")
	}
	// An interrupt stops the go command, as it stops a shell line.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if r.Tracker != nil {
		if stop := r.Tracker.Done(); stop != nil {
			go func() {
				select {
				case <-stop:
					cancel()
				case <-ctx.Done():
				}
			}()
		}
	}
	err := r.Modules.Get(ctx, f[1:], r.Stdout, r.Stderr)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return outcome.Interrupt()
	}
	lines := strings.Split(err.Error(), "\n")
	lines[0] = "%go get: " + lines[0]
	return &outcome.Error{Name: "magic error", Value: lines[0], Traceback: lines}
}
