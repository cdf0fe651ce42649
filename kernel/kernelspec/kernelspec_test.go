package kernelspec

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// isolate points every environment variable the package reads at empty or
// temporary values, and returns the temporary home directory.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"JUPYTER_DATA_DIR", "XDG_DATA_HOME", "CONDA_PREFIX", "VIRTUAL_ENV"} {
		t.Setenv(v, "")
	}
	return home
}

// realHome is home with symbolic links resolved, as jupyter_core does.
func realHome(t *testing.T, home string) string {
	t.Helper()
	real, err := filepath.EvalSymlinks(home)
	if err != nil {
		t.Fatal(err)
	}
	return real
}

// writeScript writes an executable file.
func writeScript(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o755); err != nil {
		t.Fatal(err)
	}
}

// fakeJupyter puts on PATH a "jupyter" whose interpreter, reached through
// the given style of "#!" line, prints prefix as its sys.prefix.
func fakeJupyter(t *testing.T, style, prefix string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("shell-script interpreters need a Unix system")
	}
	bin := t.TempDir()
	py := filepath.Join(bin, "python-fake")
	writeScript(t, py, "#!/bin/sh\necho '"+prefix+"'\n")
	var jupyter string
	switch style {
	case "absolute":
		jupyter = "#!" + py + "\nimport sys\n"
	case "env":
		jupyter = "#!/usr/bin/env python-fake\nimport sys\n"
	case "pip-sh":
		jupyter = "#!/bin/sh\n'''exec' \"" + py + "\" \"$0\" \"$@\"\n' '''\nimport sys\n"
	case "binary", "shim":
		// No usable "#!": the python next to jupyter is used.
		if err := os.Rename(py, filepath.Join(bin, "python3")); err != nil {
			t.Fatal(err)
		}
		jupyter = "\x7fELF not really\n"
		if style == "shim" { // like pyenv's shims
			jupyter = "#!/usr/bin/env bash\nset -e\nexec pyenv exec jupyter \"$@\"\n"
		}
	default:
		t.Fatalf("unknown style %q", style)
	}
	writeScript(t, filepath.Join(bin, "jupyter"), jupyter)
	t.Setenv("PATH", bin)
}

func TestDir(t *testing.T) {
	unix := runtime.GOOS != "windows"
	darwin := runtime.GOOS == "darwin"
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		opts  Options
		setup func(t *testing.T, home string) // set environment; runs after isolate
		want  func(home string) string        // home has symlinks resolved
		skip  bool
	}{
		{
			name: "system default",
			want: func(string) string { return "/usr/local/share/jupyter/kernels/gokernel" },
			skip: !unix,
		},
		{
			name: "system custom name is lower-cased",
			opts: Options{Name: "My_Go-1.26"},
			want: func(string) string { return "/usr/local/share/jupyter/kernels/my_go-1.26" },
			skip: !unix,
		},
		{
			name: "user default",
			opts: Options{User: true},
			want: func(home string) string {
				if darwin {
					return filepath.Join(home, "Library", "Jupyter", "kernels", "gokernel")
				}
				return filepath.Join(home, ".local", "share", "jupyter", "kernels", "gokernel")
			},
			skip: !unix,
		},
		{
			name:  "user XDG_DATA_HOME",
			opts:  Options{User: true},
			setup: func(t *testing.T, home string) { t.Setenv("XDG_DATA_HOME", "/xdg/data") },
			want:  func(string) string { return "/xdg/data/jupyter/kernels/gokernel" },
			skip:  !unix || darwin, // jupyter_core ignores XDG on macOS
		},
		{
			name:  "user XDG_DATA_HOME ignored on macOS",
			opts:  Options{User: true},
			setup: func(t *testing.T, home string) { t.Setenv("XDG_DATA_HOME", "/xdg/data") },
			want: func(home string) string {
				return filepath.Join(home, "Library", "Jupyter", "kernels", "gokernel")
			},
			skip: !darwin,
		},
		{
			name: "user JUPYTER_DATA_DIR wins",
			opts: Options{User: true, Name: "go2"},
			setup: func(t *testing.T, home string) {
				t.Setenv("XDG_DATA_HOME", "/xdg/data")
				t.Setenv("JUPYTER_DATA_DIR", "/jupyter/data")
			},
			want: func(string) string { return filepath.FromSlash("/jupyter/data/kernels/go2") },
		},
		{
			name: "prefix",
			opts: Options{Prefix: "/opt/env"},
			want: func(string) string { return filepath.FromSlash("/opt/env/share/jupyter/kernels/gokernel") },
			skip: !unix,
		},
		{
			name: "relative prefix is made absolute",
			opts: Options{Prefix: "rel/env"},
			want: func(string) string {
				return filepath.Join(cwd, "rel", "env", "share", "jupyter", "kernels", "gokernel")
			},
		},
		{
			name:  "sys-prefix VIRTUAL_ENV",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { t.Setenv("VIRTUAL_ENV", "/venv") },
			want:  func(string) string { return "/venv/share/jupyter/kernels/gokernel" },
			skip:  !unix,
		},
		{
			name:  "sys-prefix CONDA_PREFIX",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { t.Setenv("CONDA_PREFIX", "/conda/envs/x") },
			want:  func(string) string { return "/conda/envs/x/share/jupyter/kernels/gokernel" },
			skip:  !unix,
		},
		{
			name: "sys-prefix VIRTUAL_ENV beats CONDA_PREFIX",
			opts: Options{SysPrefix: true},
			setup: func(t *testing.T, home string) {
				t.Setenv("CONDA_PREFIX", "/conda")
				t.Setenv("VIRTUAL_ENV", "/venv")
			},
			want: func(string) string { return "/venv/share/jupyter/kernels/gokernel" },
			skip: !unix,
		},
		{
			name:  "sys-prefix from jupyter's #!/abs/python",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { fakeJupyter(t, "absolute", "/from/abs") },
			want:  func(string) string { return "/from/abs/share/jupyter/kernels/gokernel" },
			skip:  !unix,
		},
		{
			name:  "sys-prefix from jupyter's #!/usr/bin/env python",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { fakeJupyter(t, "env", "/from/env") },
			want:  func(string) string { return "/from/env/share/jupyter/kernels/gokernel" },
			skip:  !unix || !fileExists("/usr/bin/env"),
		},
		{
			name:  "sys-prefix from pip's /bin/sh wrapper",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { fakeJupyter(t, "pip-sh", "/from/pip") },
			want:  func(string) string { return "/from/pip/share/jupyter/kernels/gokernel" },
			skip:  !unix,
		},
		{
			name:  "sys-prefix from the python next to jupyter",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { fakeJupyter(t, "binary", "/from/bindir") },
			want:  func(string) string { return "/from/bindir/share/jupyter/kernels/gokernel" },
			skip:  !unix,
		},
		{
			name:  "sys-prefix from the python next to a shell-script shim",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { fakeJupyter(t, "shim", "/from/shim") },
			want:  func(string) string { return "/from/shim/share/jupyter/kernels/gokernel" },
			skip:  !unix || !fileExists("/usr/bin/env"),
		},
		{
			name:  "sys-prefix without jupyter falls back to /usr/bin/python3",
			opts:  Options{SysPrefix: true},
			setup: func(t *testing.T, home string) { t.Setenv("PATH", t.TempDir()) },
			want: func(string) string {
				out, err := exec.Command(defaultPython, "-c", "import sys; print(sys.prefix)").Output()
				if err != nil {
					return "error: " + err.Error()
				}
				return filepath.Join(strings.TrimSpace(string(out)), "share", "jupyter", "kernels", "gokernel")
			},
			skip: !fileExists(defaultPython),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip {
				t.Skipf("not applicable on %s", runtime.GOOS)
			}
			home := isolate(t)
			if tc.setup != nil {
				tc.setup(t, home)
			}
			got, err := Dir(tc.opts)
			if err != nil {
				t.Fatalf("Dir(%+v): %v", tc.opts, err)
			}
			if want := tc.want(realHome(t, home)); got != want {
				t.Errorf("Dir(%+v) = %q, want %q", tc.opts, got, want)
			}
		})
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestDirErrors(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want error
	}{
		{"user+prefix", Options{User: true, Prefix: "/p"}, ErrConflictingOptions},
		{"user+sys-prefix", Options{User: true, SysPrefix: true}, ErrConflictingOptions},
		{"prefix+sys-prefix", Options{Prefix: "/p", SysPrefix: true}, ErrConflictingOptions},
		{"all three", Options{User: true, Prefix: "/p", SysPrefix: true}, ErrConflictingOptions},
		{"slash", Options{Name: "a/b"}, ErrInvalidName},
		{"parent", Options{Name: "../gokernel"}, ErrInvalidName},
		{"dot", Options{Name: "."}, ErrInvalidName},
		{"dotdot", Options{Name: ".."}, ErrInvalidName},
		{"space", Options{Name: "go kernel"}, ErrInvalidName},
		{"backslash", Options{Name: `a\b`}, ErrInvalidName},
		{"non-ASCII", Options{Name: "gö"}, ErrInvalidName},
		{"colon", Options{Name: "go:1"}, ErrInvalidName},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			t.Setenv("VIRTUAL_ENV", "/venv") // keep sys-prefix from running python
			if dir, err := Dir(tc.opts); !errors.Is(err, tc.want) {
				t.Errorf("Dir(%+v) = %q, %v; want error %v", tc.opts, dir, err, tc.want)
			}
			// Install must fail the same way and write nothing.
			o := tc.opts
			if o.Prefix != "" {
				o.Prefix = t.TempDir()
			}
			if dir, err := Install(o); !errors.Is(err, tc.want) {
				t.Errorf("Install(%+v) = %q, %v; want error %v", o, dir, err, tc.want)
			}
			if o.Prefix != "" {
				if entries, _ := os.ReadDir(o.Prefix); len(entries) != 0 {
					t.Errorf("Install wrote into %s after failing", o.Prefix)
				}
			}
		})
	}
}

func TestSpec(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.FromSlash("/opt/go/bin/gokernel")
	tests := []struct {
		name string
		opts Options
		want Spec
	}{
		{
			name: "defaults",
			want: Spec{
				Argv:          []string{self, "kernel", "--connection-file", "{connection_file}"},
				DisplayName:   "Go (gokernel)",
				Language:      "go",
				InterruptMode: "message",
			},
		},
		{
			name: "explicit",
			opts: Options{Executable: exe, DisplayName: "Go 1.26", Name: "go126"},
			want: Spec{
				Argv:          []string{exe, "kernel", "--connection-file", "{connection_file}"},
				DisplayName:   "Go 1.26",
				Language:      "go",
				InterruptMode: "message",
			},
		},
		{
			name: "relative executable",
			opts: Options{Executable: "bin/gokernel"},
			want: Spec{
				Argv:          []string{filepath.Join(cwd, "bin", "gokernel"), "kernel", "--connection-file", "{connection_file}"},
				DisplayName:   "Go (gokernel)",
				Language:      "go",
				InterruptMode: "message",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			exe, err := executable(tc.opts.Executable)
			if err != nil {
				t.Fatal(err)
			}
			if got := newSpec(tc.opts, exe); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("newSpec(%+v) = %+v, want %+v", tc.opts, got, tc.want)
			}
		})
	}
}

// readKernelJSON decodes dir/kernel.json into a generic map, so that the
// test sees exactly the keys Jupyter will see.
func readKernelJSON(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("kernel.json: %v\n%s", err, b)
	}
	return m
}

func TestInstall(t *testing.T) {
	exe := filepath.FromSlash("/opt/gokernel/bin/gokernel")
	tests := []struct {
		name    string
		opts    Options
		setup   func(t *testing.T, home string)
		display string
	}{
		{"prefix", Options{Prefix: "PREFIX", Executable: exe}, nil, "Go (gokernel)"},
		{"prefix with name and display name", Options{Prefix: "PREFIX", Executable: exe, Name: "Go-Dev", DisplayName: "Go <dev> & more"}, nil, "Go <dev> & more"},
		{"user", Options{User: true, Executable: exe}, nil, "Go (gokernel)"},
		{"user JUPYTER_DATA_DIR", Options{User: true, Executable: exe},
			func(t *testing.T, home string) { t.Setenv("JUPYTER_DATA_DIR", filepath.Join(home, "jd")) }, "Go (gokernel)"},
		{"sys-prefix", Options{SysPrefix: true, Executable: exe},
			func(t *testing.T, home string) { t.Setenv("CONDA_PREFIX", filepath.Join(home, "conda")) }, "Go (gokernel)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := isolate(t)
			if tc.setup != nil {
				tc.setup(t, home)
			}
			o := tc.opts
			if o.Prefix == "PREFIX" {
				o.Prefix = t.TempDir()
			}
			want, err := Dir(o)
			if err != nil {
				t.Fatal(err)
			}
			dir, err := Install(o)
			if err != nil {
				t.Fatalf("Install(%+v): %v", o, err)
			}
			if dir != want {
				t.Errorf("Install returned %q, Dir says %q", dir, want)
			}
			checkSpecDir(t, dir, exe, tc.display)
		})
	}
}

// checkSpecDir checks every file of an installed kernelspec.
func checkSpecDir(t *testing.T, dir, exe, display string) {
	t.Helper()
	if runtime.GOOS != "windows" {
		st, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if m := st.Mode(); !m.IsDir() || m.Perm() != 0o755 {
			t.Errorf("%s: mode %v, want directory with 0755", dir, m)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if runtime.GOOS != "windows" {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			if m := info.Mode(); !m.IsRegular() || m.Perm() != 0o644 {
				t.Errorf("%s: mode %v, want regular file with 0644", e.Name(), m)
			}
		}
	}
	wantNames := []string{"kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("files = %q, want %q", names, wantNames)
	}

	got := readKernelJSON(t, dir)
	want := map[string]any{
		"argv":           []any{exe, "kernel", "--connection-file", "{connection_file}"},
		"display_name":   display,
		"language":       "go",
		"interrupt_mode": "message",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kernel.json = %v, want %v", got, want)
	}

	for _, size := range []int{32, 64} {
		name := filepath.Join(dir, "logo-"+itoa(size)+"x"+itoa(size)+".png")
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r := img.Bounds(); r.Dx() != size || r.Dy() != size {
			t.Errorf("%s: %dx%d, want %dx%d", name, r.Dx(), r.Dy(), size, size)
		}
	}

	svg, err := os.ReadFile(filepath.Join(dir, "logo-svg.svg"))
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, svg)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// checkSVG checks that b is well-formed XML with an <svg> root.
func checkSVG(t *testing.T, b []byte) {
	t.Helper()
	var root struct {
		XMLName xml.Name
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("logo-svg.svg: %v", err)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" || root.ViewBox == "" {
		t.Errorf("logo-svg.svg: root %v viewBox %q, want an SVG document", root.XMLName, root.ViewBox)
	}
	// Every element must parse too, not just the root.
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err != nil {
			if err != io.EOF {
				t.Errorf("logo-svg.svg: %v", err)
			}
			break
		}
	}
}

func TestInstallOverwrites(t *testing.T) {
	isolate(t)
	prefix := t.TempDir()
	exe := filepath.FromSlash("/old/gokernel")
	dir, err := Install(Options{Prefix: prefix, Executable: exe, DisplayName: "Old"})
	if err != nil {
		t.Fatal(err)
	}
	// Leftovers from the old install must go, as with jupyter_client.
	stale := filepath.Join(dir, "stale.txt")
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}

	exe = filepath.FromSlash("/new/gokernel")
	dir2, err := Install(Options{Prefix: prefix, Executable: exe})
	if err != nil {
		t.Fatalf("second Install: %v", err)
	}
	if dir2 != dir {
		t.Fatalf("second Install wrote %q, first %q", dir2, dir)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale file survived the reinstall: %v", err)
	}
	checkSpecDir(t, dir, exe, "Go (gokernel)")

	// No staging directories are left behind.
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "gokernel" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("kernels dir holds %q, want just gokernel", names)
	}
}

func TestInstallDefaultExecutable(t *testing.T) {
	isolate(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := Install(Options{Prefix: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(dir) != "gokernel" {
		t.Errorf("dir %q, want .../gokernel", dir)
	}
	checkSpecDir(t, dir, self, "Go (gokernel)")
}

func TestInstallUnwritable(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a non-root Unix user for permission checks")
	}
	isolate(t)
	prefix := t.TempDir()
	dir, err := Install(Options{Prefix: prefix, Executable: "/x/gokernel"})
	if err != nil {
		t.Fatal(err)
	}
	kernels := filepath.Dir(dir)
	if err := os.Chmod(kernels, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(kernels, 0o755) })
	if _, err := Install(Options{Prefix: prefix, Executable: "/y/gokernel"}); err == nil {
		t.Fatal("Install into a read-only kernels dir succeeded")
	}
	// The old spec is untouched.
	checkSpecDir(t, dir, "/x/gokernel", "Go (gokernel)")
}

// TestJupyterFindsSpec installs the spec and asks the real Jupyter for its
// kernelspecs, checking that gokernel is found where Install put it.
func TestJupyterFindsSpec(t *testing.T) {
	const jupyter = "/usr/bin/jupyter"
	if !fileExists(jupyter) {
		t.Skip(jupyter + " not installed")
	}
	t.Setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1") // quiets a debugpy warning
	lister := kernelspecLister(t, jupyter)
	exe := "/opt/gokernel/bin/gokernel"
	tests := []struct {
		name  string
		opts  Options
		setup func(t *testing.T, home string)
	}{
		{
			name: "prefix on JUPYTER_PATH",
			opts: Options{Prefix: "PREFIX", Executable: exe},
		},
		{
			name: "user default",
			opts: Options{User: true, Executable: exe},
		},
		{
			name:  "user XDG_DATA_HOME",
			opts:  Options{User: true, Executable: exe, Name: "GoXDG"},
			setup: func(t *testing.T, home string) { t.Setenv("XDG_DATA_HOME", filepath.Join(home, "xdg")) },
		},
		{
			name:  "user JUPYTER_DATA_DIR",
			opts:  Options{User: true, Executable: exe},
			setup: func(t *testing.T, home string) { t.Setenv("JUPYTER_DATA_DIR", filepath.Join(home, "jdd")) },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := isolate(t)
			t.Setenv("JUPYTER_PATH", "")
			if tc.setup != nil {
				tc.setup(t, home)
			}
			o := tc.opts
			if o.Prefix == "PREFIX" {
				o.Prefix = t.TempDir()
				t.Setenv("JUPYTER_PATH", filepath.Join(o.Prefix, "share", "jupyter"))
			}
			dir, err := Install(o)
			if err != nil {
				t.Fatal(err)
			}
			specs := listKernelSpecs(t, lister)
			name := filepath.Base(dir)
			ks, ok := specs[name]
			if !ok {
				t.Fatalf("jupyter does not list %q; it lists %v", name, keys(specs))
			}
			if ks.ResourceDir != dir {
				t.Errorf("resource_dir = %q, want %q", ks.ResourceDir, dir)
			}
			wantArgv := []string{exe, "kernel", "--connection-file", "{connection_file}"}
			if !reflect.DeepEqual(ks.Spec.Argv, wantArgv) {
				t.Errorf("argv = %q, want %q", ks.Spec.Argv, wantArgv)
			}
			if ks.Spec.Language != "go" || ks.Spec.DisplayName != "Go (gokernel)" || ks.Spec.InterruptMode != "message" {
				t.Errorf("spec = %+v", ks.Spec)
			}
		})
	}
}

type listedSpec struct {
	ResourceDir string `json:"resource_dir"`
	Spec        Spec   `json:"spec"`
}

// kernelspecLister returns the command that prints Jupyter's kernelspecs
// as JSON: `jupyter kernelspec list --json`, or, since Debian ships that
// subcommand in the separate jupyter-client package, the same code run as a
// module of jupyter's own Python.
func kernelspecLister(t *testing.T, jupyter string) []string {
	t.Helper()
	cmd := []string{jupyter, "kernelspec", "list", "--json"}
	err := exec.Command(cmd[0], cmd[1:]...).Run()
	if err == nil {
		return cmd
	}
	py := scriptInterpreter(jupyter)
	if py == "" {
		t.Skipf("jupyter kernelspec list: %v; and no interpreter for %s", err, jupyter)
	}
	cmd2 := []string{py, "-m", "jupyter_client.kernelspecapp", "list", "--json"}
	if err2 := exec.Command(cmd2[0], cmd2[1:]...).Run(); err2 != nil {
		t.Skipf("jupyter kernelspec list: %v; %s: %v", err, strings.Join(cmd2, " "), err2)
	}
	t.Logf("jupyter kernelspec is not installed (Debian: apt install jupyter-client); using %s", strings.Join(cmd2, " "))
	return cmd2
}

// listKernelSpecs runs the lister and decodes its output.
func listKernelSpecs(t *testing.T, lister []string) map[string]listedSpec {
	t.Helper()
	out, err := exec.Command(lister[0], lister[1:]...).Output()
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(lister, " "), err)
	}
	var res struct {
		KernelSpecs map[string]listedSpec `json:"kernelspecs"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(lister, " "), err, out)
	}
	return res.KernelSpecs
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestJupyterDataPaths checks, without writing outside temporary
// directories, that the directory each option selects is one the real
// Jupyter searches for kernels.
func TestJupyterDataPaths(t *testing.T) {
	const jupyter = "/usr/bin/jupyter"
	if !fileExists(jupyter) {
		t.Skip(jupyter + " not installed")
	}
	home := isolate(t)
	t.Setenv("JUPYTER_PATH", "")
	t.Setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
	out, err := exec.Command(jupyter, "--paths", "--json").Output()
	if err != nil {
		t.Skipf("jupyter --paths --json: %v", err)
	}
	var paths struct {
		Data []string `json:"data"`
	}
	if err := json.Unmarshal(out, &paths); err != nil {
		t.Fatalf("jupyter --paths --json: %v\n%s", err, out)
	}
	t.Logf("jupyter data paths with HOME=%s: %q", home, paths.Data)
	opts := []Options{{}, {User: true}}
	if p, err := exec.LookPath("jupyter"); err == nil && p == jupyter {
		opts = append(opts, Options{SysPrefix: true}) // --sys-prefix follows the jupyter on PATH
	}
	for _, o := range opts {
		dir, err := Dir(o)
		if err != nil {
			t.Fatal(err)
		}
		data := filepath.Dir(filepath.Dir(dir)) // strip kernels/NAME
		found := false
		for _, p := range paths.Data {
			found = found || p == data
		}
		if !found {
			t.Errorf("Dir(%+v) = %s, but Jupyter does not search %s", o, dir, data)
		}
	}
}
