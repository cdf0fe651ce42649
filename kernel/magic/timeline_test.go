package magic

import (
	"context"
	"encoding/xml"
	"strings"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// displays records what a Runner publishes.
type displays struct {
	mu  sync.Mutex
	evs []outcome.Display
}

func (d *displays) add(ev outcome.Display) { d.mu.Lock(); d.evs = append(d.evs, ev); d.mu.Unlock() }

func (d *displays) all() []outcome.Display {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]outcome.Display(nil), d.evs...)
}

// inCell runs code as cell In[n] of r, on a goroutine of that cell, as the
// worker does.
func inCell(r *Runner, n int, code string) Result {
	c := r.Tracker.NewCell("cell-"+strings.Repeat("x", n), n)
	var res Result
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Tracker.Run(c, func() { res = r.Run(context.Background(), code) })
	}()
	<-done
	return res
}

type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []svgNode  `xml:",any"`
}

func (n *svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *svgNode) walk(f func(*svgNode)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// %%timeline shows the cell's own lane as In[n] and its interpreted
// goroutines by their go statements.
func TestTimelineNamesLanes(t *testing.T) {
	r, _, _ := newRunner(t)
	var d displays
	r.Display = d.add
	res := inCell(r, 6, "%%timeline\nimport \"sync\"\nfunc work(wg *sync.WaitGroup) { defer wg.Done() }\nvar wg sync.WaitGroup\nwg.Add(2)\nfor i := 0; i < 2; i++ {\n\tgo work(&wg)\n}\nwg.Wait()")
	if res.Err != nil {
		t.Fatalf("%v", res.Err.Traceback)
	}
	evs := d.all()
	if len(evs) != 1 {
		t.Fatalf("%d displays", len(evs))
	}
	svg, _ := evs[0].Data["image/svg+xml"].(string)
	var root svgNode
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatal(err)
	}
	var lanes []*svgNode
	root.walk(func(n *svgNode) {
		if n.attr("data-kind") == "G" {
			lanes = append(lanes, n)
		}
	})
	var names []string
	for _, l := range lanes {
		names = append(names, l.attr("data-func")+"@"+l.attr("data-where"))
	}
	if strings.Join(names, " ") != "In[6]@ work@In[6]:7 work@In[6]:7" {
		t.Errorf("lanes %q", names)
	}
}

// A second recording cannot start while one runs: the cell says so
// plainly and its body does not run.
func TestTimelineWhileTracing(t *testing.T) {
	r, _, errb := newRunner(t)
	var d displays
	r.Display = d.add
	res := inCell(r, 1, "%%timeline\n%%timeline\nprintln(\"ran\")")
	if res.Err == nil || !strings.Contains(res.Err.Value, "%%timeline: cannot start the execution tracer: execution tracer already enabled (one recording at a time") {
		t.Fatalf("error %+v", res.Err)
	}
	if got := errb.take(); strings.Contains(got, "ran") {
		t.Errorf("the body ran: %q", got)
	}
	if n := len(d.all()); n != 1 {
		t.Errorf("%d displays, want the outer recording's", n)
	}
}
