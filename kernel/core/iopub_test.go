package core

import (
	"fmt"
	"strings"
	"sync"
	"testing"

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

// Every chunk the worker sent is one stream message (the worker batched
// them), nothing is lost, and the order of everything published is kept.
func TestPublisherKeepsEveryMessageInOrder(t *testing.T) {
	cellA := &wire.Message{Header: wire.Header{MsgID: "a"}}
	cellB := &wire.Message{Header: wire.Header{MsgID: "b"}}
	p, got := collect()
	var want strings.Builder
	const chunks = 1000
	for i := range chunks {
		chunk := fmt.Sprintf("%d\n%d\n", 2*i, 2*i+1)
		want.WriteString(chunk)
		p.Stream(cellA, "stdout", chunk)
	}
	p.Stream(cellA, "stdout", "") // nothing to publish
	p.Stream(cellB, "stdout", "other cell\n")
	p.Publish(cellA, "status", map[string]any{"execution_state": "idle"})
	p.Close()

	var all strings.Builder
	streams := 0
	for _, s := range got() {
		if s.msgType == "stream" && s.parent == cellA {
			streams++
			all.WriteString(s.text)
		}
	}
	if all.String() != want.String() {
		t.Fatalf("cell A got %d bytes, want %d in the order sent", all.Len(), want.Len())
	}
	if streams != chunks {
		t.Errorf("%d chunks became %d stream messages", chunks, streams)
	}
	last := got()
	if n := len(last); n != chunks+2 || last[n-1].msgType != "status" || last[n-2].parent != cellB {
		t.Errorf("%d messages; order at the end: %v, %v", n, last[n-2].msgType, last[n-1].msgType)
	}
}

// Flush returns once what was queued before it has been sent.
func TestPublisherFlush(t *testing.T) {
	cell := &wire.Message{Header: wire.Header{MsgID: "a"}}
	p, got := collect()
	defer p.Close()
	p.Stream(cell, "stdout", "Name: ")
	p.Flush()
	if g := got(); len(g) != 1 || g[0].text != "Name: " {
		t.Fatalf("after Flush: %v", g)
	}
	p.Close()
	p.Flush() // after Close: returns at once
}
