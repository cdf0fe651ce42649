package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	badConn := filepath.Join(dir, "bad.json")
	os.WriteFile(badConn, []byte("{not json"), 0o644)
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string // substring expected on stdout
		stderr   string // substring expected on stderr
		wantFile string
	}{
		{"no args", nil, 2, "", "Usage:", ""},
		{"help", []string{"--help"}, 0, "gokernel install", "", ""},
		{"version", []string{"version"}, 0, "gokernel ", "", ""},
		{"unknown", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`, ""},
		{"kernel help", []string{"kernel", "--help"}, 0, "", "--connection-file", ""},
		{"kernel without file", []string{"kernel"}, 2, "", "--connection-file is required", ""},
		{"kernel bad file", []string{"kernel", "--connection-file", badConn}, 1, "", "gokernel kernel:", ""},
		{"kernel missing file", []string{"kernel", "--connection-file", filepath.Join(dir, "nope.json")}, 1, "", "nope.json", ""},
		{"install help", []string{"install", "--help"}, 0, "", "--sys-prefix", ""},
		{"install prefix", []string{"install", "--prefix", dir, "--name", "gotest"}, 0, "Installed kernelspec gotest", "",
			filepath.Join(dir, "share", "jupyter", "kernels", "gotest", "kernel.json")},
		{"install conflicting", []string{"install", "--user", "--prefix", dir}, 1, "", "gokernel install:", ""},
		{"install stray arg", []string{"install", "extra"}, 2, "", `unexpected argument "extra"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errb.String())
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout %q lacks %q", out.String(), tt.stdout)
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", errb.String(), tt.stderr)
			}
			if tt.wantFile != "" {
				b, err := os.ReadFile(tt.wantFile)
				if err != nil || !strings.Contains(string(b), "{connection_file}") {
					t.Errorf("kernel.json: %v %s", err, b)
				}
			}
		})
	}
}
