package kernelspec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Defaults for Options.Name and Options.DisplayName.
const (
	DefaultName        = "gokernel"
	DefaultDisplayName = "Go (gokernel)"
)

// Errors returned (wrapped) by Dir and Install.
var (
	// ErrConflictingOptions means more than one of User, Prefix and
	// SysPrefix was set.
	ErrConflictingOptions = errors.New("kernelspec: only one of --user, --prefix and --sys-prefix may be given")
	// ErrInvalidName means Options.Name is not a valid kernel name.
	ErrInvalidName = errors.New("kernelspec: invalid kernel name")
)

// Options says where and how to install the kernelspec. The zero value
// installs "gokernel" system-wide, pointing at the running executable.
type Options struct {
	User        bool   // --user: per-user Jupyter data dir
	Prefix      string // --prefix DIR: DIR/share/jupyter/kernels/NAME
	SysPrefix   bool   // --sys-prefix: the prefix of the Python environment Jupyter runs in
	Name        string // kernel directory name; default "gokernel"
	DisplayName string // default "Go (gokernel)"
	Executable  string // absolute path of the gokernel binary written into argv; default os.Executable()
}

// Spec is the content of kernel.json.
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// newSpec is the kernel.json content for o and the kernel binary exe
// (from executable): argv is [exe, "kernel", "--connection-file",
// "{connection_file}"], the language "go" and the interrupt mode "message"
// (Jupyter sends an interrupt_request on the control channel rather than a
// signal).
func newSpec(o Options, exe string) Spec {
	display := o.DisplayName
	if display == "" {
		display = DefaultDisplayName
	}
	return Spec{
		Argv:          []string{exe, "kernel", "--connection-file", "{connection_file}"},
		DisplayName:   display,
		Language:      "go",
		InterruptMode: "message",
	}
}

// executable returns the absolute path of the kernel binary: exe made
// absolute (Jupyter starts kernels in the notebook's directory), or the
// running executable if exe is empty.
func executable(exe string) (string, error) {
	if exe == "" {
		p, err := os.Executable()
		if err != nil {
			return "", fmt.Errorf("kernelspec: locating the gokernel executable: %w", err)
		}
		return p, nil
	}
	p, err := filepath.Abs(exe)
	if err != nil {
		return "", fmt.Errorf("kernelspec: executable %q: %w", exe, err)
	}
	return p, nil
}

// Dir returns the kernels/NAME directory Install would write, without
// writing. See the package documentation for where each option points.
func Dir(o Options) (string, error) {
	name, err := kernelName(o.Name)
	if err != nil {
		return "", err
	}
	data, err := dataDir(o)
	if err != nil {
		return "", err
	}
	return filepath.Join(data, "kernels", name), nil
}

// kernelName validates and lower-cases name, defaulting to DefaultName.
func kernelName(name string) (string, error) {
	if name == "" {
		return DefaultName, nil
	}
	if name == "." || name == ".." {
		return "", fmt.Errorf("%w %q", ErrInvalidName, name)
	}
	for _, r := range name {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9',
			r == '-', r == '.', r == '_':
		default:
			return "", fmt.Errorf("%w %q: only ASCII letters, digits, '-', '.' and '_' are allowed", ErrInvalidName, name)
		}
	}
	return strings.ToLower(name), nil
}

// Install writes kernel.json, logo-32x32.png, logo-64x64.png and
// logo-svg.svg into Dir(o), replacing any spec already there, and returns
// that directory.
func Install(o Options) (string, error) {
	dest, err := Dir(o)
	if err != nil {
		return "", err
	}
	exe, err := executable(o.Executable)
	if err != nil {
		return "", err
	}
	files, err := specFiles(newSpec(o, exe))
	if err != nil {
		return "", err
	}

	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	// Stage the new spec next to dest (same file system, so it can be
	// renamed into place) and swap it in only once it is complete.
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	defer os.RemoveAll(stage) // no-op once renamed
	for _, f := range files {
		if err := writeFile(filepath.Join(stage, f.name), f.data); err != nil {
			return "", err
		}
	}
	if err := os.Chmod(stage, 0o755); err != nil { // MkdirTemp uses 0700
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	if err := os.RemoveAll(dest); err != nil {
		return "", fmt.Errorf("kernelspec: removing old kernelspec: %w", err)
	}
	if err := os.Rename(stage, dest); err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	return dest, nil
}

type specFile struct {
	name string
	data []byte
}

// specFiles returns the files of the kernelspec directory, kernel.json last
// so that a half-written directory is never mistaken for a kernel.
func specFiles(s Spec) ([]specFile, error) {
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("kernelspec: encoding kernel.json: %w", err)
	}
	png32, err := logoPNG(32)
	if err != nil {
		return nil, err
	}
	png64, err := logoPNG(64)
	if err != nil {
		return nil, err
	}
	return []specFile{
		{"logo-32x32.png", png32},
		{"logo-64x64.png", png64},
		{"logo-svg.svg", logoSVG()},
		{"kernel.json", js.Bytes()},
	}, nil
}

// writeFile writes data to a new file with mode 0644 regardless of umask.
func writeFile(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("kernelspec: %w", err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		return fmt.Errorf("kernelspec: %w", err)
	}
	return nil
}
