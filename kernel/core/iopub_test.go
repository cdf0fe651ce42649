package core

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

type sent struct {
	parent  *wire.Message
	msgType string
	text    string
}

func collect() (*publisher, func() []sent) {
	var mu sync.Mutex
	var out []sent
	p := newPublisher(func(parent *wire.Message, msgType string, content any) {
		text := ""
		if c, ok := content.(map[string]any); ok {
			text, _ = c["text"].(string)
		}
		mu.Lock()
		out = append(out, sent{parent, msgType, text})
		mu.Unlock()
	})
	return p, func() []sent { mu.Lock(); defer mu.Unlock(); return append([]sent(nil), out...) }
}

func TestStreamBatching(t *testing.T) {
	cellA := &wire.Message{Header: wire.Header{MsgID: "a"}}
	cellB := &wire.Message{Header: wire.Header{MsgID: "b"}}
	p, got := collect()
	var want strings.Builder
	for i := range 100000 {
		line := fmt.Sprintf("%d\n", i)
		want.WriteString(line)
		p.Stream(cellA, "stdout", line)
	}
	p.Stream(cellB, "stdout", "other cell\n")
	p.Publish(cellA, "status", map[string]any{"execution_state": "idle"})
	p.Close()

	var all strings.Builder
	streams := 0
	for _, s := range got() {
		if s.msgType == "stream" && s.parent == cellA {
			streams++
			all.WriteString(s.text)
			if !strings.HasSuffix(s.text, "\n") {
				t.Errorf("a batch ends mid-line: ...%q", s.text[max(0, len(s.text)-10):])
			}
		}
	}
	if all.String() != want.String() {
		t.Fatalf("cell A got %d bytes, want %d", all.Len(), want.Len())
	}
	if streams > 20 {
		t.Errorf("100k lines took %d stream messages, want <= 20", streams)
	}
	// Order: all of A's output, then B's, then A's idle status.
	last := got()
	if n := len(last); last[n-1].msgType != "status" || last[n-2].parent != cellB {
		t.Errorf("order at the end: %v, %v", last[n-2].msgType, last[n-1].msgType)
	}
}

func TestPartialLineWaitsThenFlushes(t *testing.T) {
	cell := &wire.Message{Header: wire.Header{MsgID: "a"}}
	p, got := collect()
	defer p.Close()
	p.Stream(cell, "stdout", "progress: 10%")
	deadline := time.Now().Add(2 * time.Second)
	for len(got()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := got(); len(g) != 1 || g[0].text != "progress: 10%" {
		t.Fatalf("a partial line was not flushed on its own: %v", g)
	}
}
