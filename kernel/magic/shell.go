package magic

// !command lines: a shell command whose output streams into the cell and
// which an interrupt stops, process group and all.

import (
	"context"
	"fmt"
	"os/exec"
	"syscall"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// shell runs a command line with /bin/sh -c; its output goes to the cell as
// it comes. An interrupt kills its whole process group. A non-zero exit
// does not fail the cell (as in IPython); it is said on stderr.
func (r *Runner) shell(ctx context.Context, command string) *outcome.Error {
	cmd := exec.Command("/bin/sh", "-c", command)
	cmd.Stdout, cmd.Stderr = r.Stdout, r.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return magicError("!" + command + ": " + err.Error())
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var stop <-chan struct{}
	if r.Tracker != nil {
		stop = r.Tracker.Done()
	}
	select {
	case err := <-done:
		if err != nil {
			fmt.Fprintf(r.Stderr, "%s\n", err)
		}
		return nil
	case <-stop:
	case <-ctx.Done():
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	<-done
	return outcome.Interrupt()
}
