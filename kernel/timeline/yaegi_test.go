package timeline

import (
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// The kernel calls Record around interpreted code: the goroutines an
// interpreted `go` statement starts are real goroutines, created by the
// goroutine that runs the interpreter, so the default filter keeps them.
func TestInterpretedGoroutines(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	// compile outside the recording; run inside it
	if _, err := i.Eval(`
import (
	"sync"
	"time"
)

func work(wg *sync.WaitGroup, out *int) {
	defer wg.Done()
	time.Sleep(2 * time.Millisecond)
	s := 0
	for k := 0; k < 20000; k++ {
		s += k
	}
	*out = s
}

func fanOut() int {
	var wg sync.WaitGroup
	res := make([]int, 3)
	wg.Add(3)
	for k := 0; k < 3; k++ {
		go work(&wg, &res[k])
	}
	wg.Wait()
	return res[0] + res[1] + res[2]
}`); err != nil {
		t.Fatal(err)
	}
	wakeB, ack := make(chan struct{}), make(chan struct{})
	go background(wakeB, ack) // a kernel goroutine: must not get a lane
	defer close(wakeB)

	var got int64
	var evalErr error
	tr := record(t, Options{}, func() {
		v, err := i.Eval(`fanOut()`)
		evalErr = err
		if err == nil {
			got = v.Int()
		}
		wakeB <- struct{}{}
		<-ack
	})
	if evalErr != nil || got != 3*199990000 {
		t.Fatalf("fanOut() = %d, %v", got, evalErr)
	}
	root := parseSVG(t, "yaegi", SVG(tr, SVGOptions{}))
	sleepers := 0
	for _, g := range tr.Goroutines {
		if strings.HasSuffix(g.Func, ".background") {
			t.Errorf("the kernel's goroutine G%d got a lane", g.ID)
		}
		if g.Caller {
			continue
		}
		if !g.Descendant {
			t.Errorf("G%d %s is not a descendant of f's goroutine", g.ID, g.Func)
		}
		if TotalsOf(g).ByReason[Sleep] > 0 {
			sleepers++
		}
		t.Logf("interpreted goroutine G%d: func %s, created at %q", g.ID, g.Func, g.Where)
	}
	if sleepers != 3 {
		t.Errorf("%d goroutines slept, want the 3 interpreted ones", sleepers)
	}
	if n := len(lanes(root, "G")); n != 4 {
		t.Errorf("%d goroutine lanes, want 4 (f's goroutine and 3 interpreted ones)", n)
	}
}
