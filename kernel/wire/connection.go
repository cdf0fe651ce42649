package wire

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
)

// ConnectionInfo is a Jupyter connection file.
type ConnectionInfo struct {
	Transport       string `json:"transport"` // "tcp" or "ipc"
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name"`
}

// LoadConnection reads and validates the connection file at path. An empty
// transport defaults to "tcp" and an empty signature_scheme to
// "hmac-sha256". It is an error if the file cannot be read (the os error is
// wrapped, so errors.Is(err, fs.ErrNotExist) works), is not a JSON object,
// has a transport other than tcp or ipc, has no ip, has a missing or
// out-of-range port (ports must be > 0, and <= 65535 for tcp), or names an
// unsupported signature scheme. Unknown keys are ignored.
func LoadConnection(path string) (ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: reading connection file: %w", err)
	}
	var c ConnectionInfo
	if err := json.Unmarshal(data, &c); err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: connection file %s: invalid JSON: %w", path, err)
	}
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.SignatureScheme == "" {
		c.SignatureScheme = defaultSignatureScheme
	}
	if err := c.validate(); err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: connection file %s: %w", path, err)
	}
	return c, nil
}

func (c ConnectionInfo) validate() error {
	if c.Transport != "tcp" && c.Transport != "ipc" {
		return fmt.Errorf("unsupported transport %q (want tcp or ipc)", c.Transport)
	}
	if c.IP == "" {
		return fmt.Errorf("missing ip")
	}
	maxPort := int(^uint(0) >> 1)
	if c.Transport == "tcp" {
		maxPort = 65535
	}
	var bad []string
	for _, p := range []struct {
		name string
		port int
	}{
		{"shell_port", c.ShellPort},
		{"control_port", c.ControlPort},
		{"stdin_port", c.StdinPort},
		{"iopub_port", c.IOPubPort},
		{"hb_port", c.HBPort},
	} {
		if p.port <= 0 || p.port > maxPort {
			bad = append(bad, p.name+"="+strconv.Itoa(p.port))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("missing or invalid ports: %s", strings.Join(bad, ", "))
	}
	if _, err := c.Signer(); err != nil {
		return err
	}
	return nil
}

// Endpoint returns the ZeroMQ endpoint for port: "tcp://IP:PORT" for tcp
// (an IPv6 address is bracketed, "tcp://[::1]:PORT", as Go's zmq4 needs),
// and "ipc://IP-PORT" for ipc, following jupyter_client, where ip is a
// filesystem path prefix. An empty transport means tcp.
func (c ConnectionInfo) Endpoint(port int) string {
	switch c.Transport {
	case "ipc":
		return "ipc://" + c.IP + "-" + strconv.Itoa(port)
	case "", "tcp":
		host := strings.TrimSuffix(strings.TrimPrefix(c.IP, "["), "]")
		return "tcp://" + net.JoinHostPort(host, strconv.Itoa(port))
	default:
		return c.Transport + "://" + c.IP + ":" + strconv.Itoa(port)
	}
}

// Signer returns a Signer for the connection's signature_scheme and key
// (the key string's bytes are the HMAC key, as in jupyter_client).
func (c ConnectionInfo) Signer() (*Signer, error) {
	return NewSigner(c.SignatureScheme, []byte(c.Key))
}
