//go:build !linux

package supervisor

import "os/exec"

// detach is a no-op where process groups and parent-death signals differ.
func detach(cmd *exec.Cmd) {}
