package modules

// Running the go command: %go get's steps and the listing at worker start.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// goCmd runs the go command in dir with args. Besides the worker's
// environment, every run has
//   - GOWORK=off: the build list is the folder's go.mod alone, not a
//     go.work that happens to be in a parent directory;
//   - GOTOOLCHAIN=local: the interpreter runs this Go's standard library, so
//     a module that needs a newer Go is refused with the go command's own
//     message rather than a toolchain being downloaded;
//   - CGO_ENABLED=0: packages load as the interpreter sees them
//     (buildContext);
//
// and extra (e.g. GOPROXY=off). Its output goes to stdout and stderr (nil:
// discarded). ctx ends it, with its process group.
func goCmd(ctx context.Context, dir string, stdout, stderr io.Writer, extra []string, args ...string) error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return errNoGo
	}
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	cmd.Env = append(cmd.Env, extra...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	err = cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

var errNoGo = errors.New("the go command is not on PATH; %go get runs it to download modules")

// offline are the settings of the listing at worker start: nothing is
// downloaded (a module not in the module cache is reported missing) and,
// with -mod=readonly on the command line, nothing in the folder is written.
var offline = []string{"GOPROXY=off"}

// listed is a module of `go list -m -json`.
type listed struct {
	Path     string
	Version  string
	Dir      string
	Main     bool
	Indirect bool
	Replace  *listed
	Error    *struct{ Err string }
}

// dir is where the module's files are: its own Dir, or its replacement's.
func (m *listed) dir() string {
	if m.Dir == "" && m.Replace != nil {
		return m.Replace.Dir
	}
	return m.Dir
}

// buildList is `go list -m -e -json all` in dir: the main module first,
// then every module of the build list, with their directories when the
// module cache has them.
func buildList(ctx context.Context, dir string, extra []string, flags ...string) ([]listed, error) {
	var out, errb bytes.Buffer
	args := append([]string{"list", "-m", "-e", "-json"}, flags...)
	if err := goCmd(ctx, dir, &out, &errb, extra, append(args, "all")...); err != nil {
		return nil, cmdError("go list -m all", err, errb.String())
	}
	var mods []listed
	dec := json.NewDecoder(&out)
	for {
		var m listed
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list -m all: %w", err)
		}
		mods = append(mods, m)
	}
	return mods, nil
}

// requirement is one require line of a go.mod.
type requirement struct {
	Path     string
	Version  string
	Indirect bool
}

// requirements are the require lines of dir/go.mod (`go mod edit -json`).
func requirements(ctx context.Context, dir string) ([]requirement, error) {
	var out, errb bytes.Buffer
	if err := goCmd(ctx, dir, &out, &errb, offline, "mod", "edit", "-json"); err != nil {
		return nil, cmdError("go mod edit -json", err, errb.String())
	}
	var f struct{ Require []requirement }
	if err := json.Unmarshal(out.Bytes(), &f); err != nil {
		return nil, fmt.Errorf("go mod edit -json: %w", err)
	}
	return f.Require, nil
}

// cmdError is a failed go command: its last line of stderr says why.
func cmdError(what string, err error, stderr string) error {
	if err == errNoGo || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if last := strings.TrimSpace(lines[len(lines)-1]); last != "" {
		return fmt.Errorf("%s: %s", what, last)
	}
	return fmt.Errorf("%s: %w", what, err)
}
