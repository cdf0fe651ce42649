package magic

// !command lines: a shell command whose output streams into the cell and
// which an interrupt stops, process group and all.

import (
	"context"
	"errors"
	"fmt"
	"os/exec"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// shell runs a command line with /bin/sh -c; its output goes to the cell as
// it comes. An interrupt kills its whole process group (runProcess). A
// non-zero exit does not fail the cell (as in IPython); it is said on stderr.
func (r *Runner) shell(ctx context.Context, command string) *outcome.Error {
	cmd := exec.Command("/bin/sh", "-c", command)
	cmd.Stdout, cmd.Stderr = r.Stdout, r.Stderr
	err, stopped := r.runProcess(ctx, cmd)
	switch {
	case stopped:
		return outcome.Interrupt()
	case err == nil:
		return nil
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) { // it did not start
		return magicError("!" + command + ": " + err.Error())
	}
	fmt.Fprintf(r.Stderr, "%s\n", err)
	return nil
}
