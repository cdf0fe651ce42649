package supervisor

import (
	"os/exec"
	"syscall"
)

// detach puts the worker in its own process group, so a terminal's Ctrl-C
// reaches only the kernel (which turns it into an interrupt message), and
// has Linux kill the worker if the kernel dies without cleaning up.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
