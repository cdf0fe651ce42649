package wire

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kernel-1234.json")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConnection(t *testing.T) {
	// As written by jupyter_client, including keys this package ignores.
	p := writeFile(t, `{
  "shell_port": 53794,
  "iopub_port": 53795,
  "stdin_port": 53796,
  "control_port": 53798,
  "hb_port": 53797,
  "ip": "127.0.0.1",
  "key": "a0436f6c-1916498b6f0b8a4d4c3a9c1c",
  "transport": "tcp",
  "signature_scheme": "hmac-sha256",
  "kernel_name": "gokernel",
  "jupyter_session": "/home/u/nb.ipynb"
}`)
	c, err := LoadConnection(p)
	if err != nil {
		t.Fatal(err)
	}
	want := ConnectionInfo{
		Transport: "tcp", IP: "127.0.0.1",
		ShellPort: 53794, ControlPort: 53798, StdinPort: 53796, IOPubPort: 53795, HBPort: 53797,
		Key: "a0436f6c-1916498b6f0b8a4d4c3a9c1c", SignatureScheme: "hmac-sha256", KernelName: "gokernel",
	}
	if c != want {
		t.Errorf("LoadConnection = %+v\nwant %+v", c, want)
	}
	if got := c.Endpoint(c.ShellPort); got != "tcp://127.0.0.1:53794" {
		t.Errorf("Endpoint = %s", got)
	}
}

func TestLoadConnectionDefaults(t *testing.T) {
	c, err := LoadConnection(writeFile(t, `{"ip":"0.0.0.0","shell_port":1,"control_port":2,"stdin_port":3,"iopub_port":4,"hb_port":5}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Transport != "tcp" || c.SignatureScheme != "hmac-sha256" || c.Key != "" {
		t.Errorf("defaults: %+v", c)
	}
	s, err := c.Signer()
	if err != nil || s.Sign([]byte("h"), nil, nil, nil) != "" {
		t.Errorf("empty key should give an unsigned Signer (%v)", err)
	}
}

func TestLoadConnectionErrors(t *testing.T) {
	const ports = `"shell_port":1,"control_port":2,"stdin_port":3,"iopub_port":4,"hb_port":5`
	tests := []struct {
		name    string
		content string // "" means: no file
		wantErr string
	}{
		{"missing file", "", "no such file"},
		{"empty file", " ", "invalid JSON"},
		{"bad JSON", `{"ip": "127.0.0.1",`, "invalid JSON"},
		{"array", `[]`, "invalid JSON"},
		{"port as string", `{"ip":"127.0.0.1","shell_port":"1"}`, "invalid JSON"},
		{"missing ip", `{` + ports + `}`, "missing ip"},
		{"null", `null`, "missing ip"},
		{"bad transport", `{"transport":"udp","ip":"127.0.0.1",` + ports + `}`, `unsupported transport "udp"`},
		{"missing ports", `{"ip":"127.0.0.1","shell_port":1,"control_port":2,"stdin_port":3}`, "missing or invalid ports: iopub_port=0, hb_port=0"},
		{"negative port", `{"ip":"127.0.0.1",` + strings.Replace(ports, `"hb_port":5`, `"hb_port":-5`, 1) + `}`, "hb_port=-5"},
		{"port too large", `{"ip":"127.0.0.1",` + strings.Replace(ports, `"shell_port":1`, `"shell_port":65536`, 1) + `}`, "shell_port=65536"},
		{"bad scheme", `{"ip":"127.0.0.1","signature_scheme":"hmac-foo",` + ports + `}`, `unsupported signature scheme "hmac-foo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "absent.json")
			if tt.content != "" {
				p = writeFile(t, tt.content)
			}
			c, err := LoadConnection(p)
			if err == nil {
				t.Fatalf("LoadConnection succeeded: %+v", c)
			}
			if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), filepath.Base(p)) {
				t.Errorf("error %q does not mention %q and the file", err, tt.wantErr)
			}
			if c != (ConnectionInfo{}) {
				t.Errorf("LoadConnection returned %+v with an error", c)
			}
		})
	}
	_, err := LoadConnection(filepath.Join(t.TempDir(), "absent.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file error %v is not fs.ErrNotExist", err)
	}
}

func TestLoadConnectionIPCLargePort(t *testing.T) {
	c, err := LoadConnection(writeFile(t, `{"transport":"ipc","ip":"/tmp/kernel-x","shell_port":70000,"control_port":2,"stdin_port":3,"iopub_port":4,"hb_port":5}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Endpoint(c.ShellPort); got != "ipc:///tmp/kernel-x-70000" {
		t.Errorf("Endpoint = %s", got)
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct {
		transport, ip string
		port          int
		want          string
	}{
		{"tcp", "127.0.0.1", 5555, "tcp://127.0.0.1:5555"},
		{"", "127.0.0.1", 5555, "tcp://127.0.0.1:5555"},
		{"tcp", "0.0.0.0", 1, "tcp://0.0.0.0:1"},
		{"tcp", "*", 1, "tcp://*:1"},
		{"tcp", "localhost", 80, "tcp://localhost:80"},
		{"tcp", "::1", 5555, "tcp://[::1]:5555"},
		{"tcp", "[::1]", 5555, "tcp://[::1]:5555"},
		{"ipc", "/tmp/kernel-abc", 3, "ipc:///tmp/kernel-abc-3"},
		{"ipc", "kernel-ipc", 1, "ipc://kernel-ipc-1"},
		{"udp", "h", 1, "udp://h:1"}, // not accepted by LoadConnection; formatted generically
	}
	for _, tt := range tests {
		c := ConnectionInfo{Transport: tt.transport, IP: tt.ip}
		if got := c.Endpoint(tt.port); got != tt.want {
			t.Errorf("Endpoint(%s, %s, %d) = %s, want %s", tt.transport, tt.ip, tt.port, got, tt.want)
		}
	}
}

func TestConnectionSigner(t *testing.T) {
	s, err := ConnectionInfo{Key: "secret", SignatureScheme: "hmac-sha256"}.Signer()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Sign([]byte(`{"a":1}`), []byte(`{}`), []byte(`{}`), []byte(`{}`)); got != "5439160579203ae5952244a353b0f81b6ca58a3fb44727217799b393ee79601c" {
		t.Errorf("Sign = %s", got)
	}
	if _, err := (ConnectionInfo{SignatureScheme: "rot13"}).Signer(); err == nil {
		t.Errorf("unknown scheme accepted")
	}
}
