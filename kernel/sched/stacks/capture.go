package stacks

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"sync"
)

var (
	dumpMu  sync.Mutex
	dumpBuf = make([]byte, 64<<10) // grows to fit, kept between dumps
)

// All dumps every goroutine of the process, labels included, the calling
// goroutine first.
func All() []Goroutine {
	dumpMu.Lock()
	defer dumpMu.Unlock()
	restore := labelsOn()
	n := runtime.Stack(dumpBuf, true)
	for n == len(dumpBuf) && len(dumpBuf) < 64<<20 { // as pprof's debug=2: at most 64 MiB
		dumpBuf = make([]byte, 2*len(dumpBuf))
		n = runtime.Stack(dumpBuf, true)
	}
	restore()
	return Parse(dumpBuf[:n]) // Parse copies what it keeps
}

const labelsSetting = "tracebacklabels=1"

// labelsOn makes the runtime print labels in goroutine headers until
// restore is called, unless GODEBUG asks for it already. If someone else
// changes GODEBUG meanwhile, restore leaves their value.
func labelsOn() (restore func()) {
	old, had := os.LookupEnv("GODEBUG")
	if setting(old, "tracebacklabels") == "1" {
		return func() {}
	}
	on := labelsSetting
	if old != "" {
		on = old + "," + labelsSetting // the last setting of a key wins
	}
	os.Setenv("GODEBUG", on)
	return func() {
		if cur, _ := os.LookupEnv("GODEBUG"); cur != on {
			return
		}
		if had {
			os.Setenv("GODEBUG", old)
		} else {
			os.Unsetenv("GODEBUG")
		}
	}
}

// setting is the value GODEBUG gives key: the last "key=value" wins.
func setting(godebug, key string) string {
	v := ""
	for _, kv := range strings.Split(godebug, ",") {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}

// WithoutLabels removes the labels from the goroutine headers of a stack
// (runtime.Stack, debug.Stack), for a stack that may have been taken while
// All had them on and that a student will read.
func WithoutLabels(stack []byte) []byte {
	if !bytes.Contains(stack, []byte(" labels:{")) {
		return stack
	}
	lines := bytes.SplitAfter(stack, []byte("\n"))
	for i, l := range lines {
		body := bytes.TrimSuffix(l, []byte("\n"))
		if !bytes.HasPrefix(body, []byte("goroutine ")) || !bytes.HasSuffix(body, []byte("}]:")) {
			continue
		}
		if j := bytes.Index(body, []byte(" labels:{")); j >= 0 {
			clean := append(append([]byte{}, body[:j]...), "]:"...)
			if len(body) < len(l) {
				clean = append(clean, '\n')
			}
			lines[i] = clean
		}
	}
	return bytes.Join(lines, nil)
}
