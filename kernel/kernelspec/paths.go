package kernelspec

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// dataDir returns the Jupyter data directory ("share/jupyter" or
// equivalent) that o selects; the spec goes in its kernels subdirectory.
func dataDir(o Options) (string, error) {
	n := 0
	for _, set := range []bool{o.User, o.Prefix != "", o.SysPrefix} {
		if set {
			n++
		}
	}
	if n > 1 {
		return "", ErrConflictingOptions
	}
	switch {
	case o.User:
		return userDataDir()
	case o.Prefix != "":
		p, err := filepath.Abs(o.Prefix)
		if err != nil {
			return "", fmt.Errorf("kernelspec: prefix %q: %w", o.Prefix, err)
		}
		return filepath.Join(p, "share", "jupyter"), nil
	case o.SysPrefix:
		p, err := sysPrefix()
		if err != nil {
			return "", err
		}
		return filepath.Join(p, "share", "jupyter"), nil
	default:
		return systemDataDir()
	}
}

// systemDataDir mirrors jupyter_core.paths.SYSTEM_JUPYTER_PATH[0], which is
// where jupyter_client installs kernelspecs when neither user nor prefix is
// given.
func systemDataDir() (string, error) {
	if runtime.GOOS == "windows" {
		if pd := os.Getenv("PROGRAMDATA"); pd != "" {
			return filepath.Join(pd, "jupyter"), nil
		}
		// jupyter_core falls back to sys.prefix here.
		p, err := sysPrefix()
		if err != nil {
			return "", err
		}
		return filepath.Join(p, "share", "jupyter"), nil
	}
	return "/usr/local/share/jupyter", nil
}

// userDataDir mirrors jupyter_core.paths.jupyter_data_dir().
func userDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	if runtime.GOOS == "windows" {
		if ad := os.Getenv("APPDATA"); ad != "" {
			return filepath.Join(ad, "jupyter"), nil
		}
	}
	home, err := homeDir()
	if err != nil {
		return "", err
	}
	switch runtime.GOOS {
	case "darwin", "ios":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		// No APPDATA: jupyter_core uses jupyter_config_dir()/data.
		cfg := os.Getenv("JUPYTER_CONFIG_DIR")
		if cfg == "" {
			cfg = filepath.Join(home, ".jupyter")
		}
		return filepath.Join(cfg, "data"), nil
	}
	xdg := os.Getenv("XDG_DATA_HOME")
	if xdg == "" {
		xdg = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(xdg, "jupyter"), nil
}

// homeDir mirrors jupyter_core.paths.get_home_dir(): the home directory
// with symbolic links resolved where possible.
func homeDir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	if real, err := filepath.EvalSymlinks(home); err == nil {
		home = real
	}
	return home, nil
}

// defaultPython is the interpreter asked for sys.prefix when the one that
// runs jupyter cannot be found.
const defaultPython = "/usr/bin/python3"

// sysPrefix returns the prefix of the Python environment Jupyter runs in;
// see the package documentation for the order in which it is looked for.
func sysPrefix() (string, error) {
	for _, env := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if p := os.Getenv(env); p != "" {
			return filepath.Abs(p)
		}
	}
	py := defaultPython
	if jup, err := exec.LookPath("jupyter"); err == nil {
		if p := scriptInterpreter(jup); p != "" {
			py = p
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c", "import sys; print(sys.prefix)").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			err = fmt.Errorf("%w: %s", err, lastLine(ee.Stderr))
		}
		return "", fmt.Errorf("kernelspec: --sys-prefix: asking %s for sys.prefix: %w (set VIRTUAL_ENV or CONDA_PREFIX, or use --prefix)", py, err)
	}
	p := strings.TrimSpace(string(out))
	if !filepath.IsAbs(p) {
		return "", fmt.Errorf("kernelspec: --sys-prefix: %s printed %q as sys.prefix, want an absolute path", py, p)
	}
	return p, nil
}

func lastLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// scriptInterpreter returns the Python interpreter that runs the script at
// path, read from its "#!" line, or "" if it cannot tell. It understands
//
//	#!/abs/path/python [args]
//	#!/usr/bin/env [-S] python3 [args]
//	#!/bin/sh + '''exec' "/abs/path/python" "$0" "$@"
//
// the last being what pip writes when the interpreter path is too long or
// contains spaces. The interpreter's name must start with "python" or
// "pypy". If the script has no such "#!" line (a compiled launcher, or a
// shell-script shim as pyenv installs), a python3 or python next to it is
// used, as in a virtual or conda environment's bin directory.
func scriptInterpreter(path string) string {
	if py := readShebang(path); py != "" {
		return py
	}
	dir := filepath.Dir(path)
	if real, err := filepath.EvalSymlinks(path); err == nil {
		dir = filepath.Dir(real)
	}
	for _, name := range []string{"python3", "python"} {
		if p, err := exec.LookPath(filepath.Join(dir, name)); err == nil {
			return p
		}
	}
	return ""
}

func readShebang(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4096), 4096)
	if !sc.Scan() {
		return ""
	}
	line, ok := strings.CutPrefix(sc.Text(), "#!")
	if !ok {
		return ""
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return ""
	}
	interp := fields[0]
	if filepath.Base(interp) == "env" {
		interp = ""
		for _, a := range fields[1:] {
			if strings.HasPrefix(a, "-") || strings.Contains(a, "=") {
				continue // env options and VAR=value assignments
			}
			if p, err := exec.LookPath(a); err == nil {
				interp = p
			}
			break
		}
	}
	if !filepath.IsAbs(interp) {
		return ""
	}
	switch base := filepath.Base(interp); {
	case base == "sh" || base == "bash" || base == "dash":
		// pip's wrapper: the second line is '''exec' "PYTHON" "$0" "$@".
		// Other shell scripts (pyenv's shims, say) are not understood.
		if !sc.Scan() {
			return ""
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), `'''exec' "`)
		if !ok {
			return ""
		}
		if i := strings.IndexByte(rest, '"'); i > 0 && filepath.IsAbs(rest[:i]) {
			return rest[:i]
		}
		return ""
	case strings.HasPrefix(base, "python"), strings.HasPrefix(base, "pypy"):
		return interp
	}
	return ""
}
