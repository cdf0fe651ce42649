// A lesson's use of the bundled modules: a bounded errgroup, a weighted
// semaphore, singleflight and a rate limiter. Its output is deterministic.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"
	"golang.org/x/time/rate"
)

func main() {
	var g errgroup.Group
	g.SetLimit(2)
	var running, peak int32
	for i := 0; i < 6; i++ {
		g.Go(func() error {
			n := atomic.AddInt32(&running, 1)
			for {
				p := atomic.LoadInt32(&peak)
				if n <= p || atomic.CompareAndSwapInt32(&peak, p, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			atomic.AddInt32(&running, -1)
			return nil
		})
	}
	fmt.Println("errgroup:", g.Wait(), "peak <= 2:", atomic.LoadInt32(&peak) <= 2)

	g2, ctx := errgroup.WithContext(context.Background())
	g2.Go(func() error { return errors.New("boom") })
	g2.Go(func() error { <-ctx.Done(); return ctx.Err() })
	fmt.Println("first error:", g2.Wait())

	sem := semaphore.NewWeighted(3)
	fmt.Println("acquire 2:", sem.Acquire(context.Background(), 2))
	fmt.Println("try 2 more:", sem.TryAcquire(2))
	sem.Release(2)
	fmt.Println("try 3:", sem.TryAcquire(3))

	var sf singleflight.Group
	var calls int32
	release := make(chan struct{})
	fetch := func() (any, error) { atomic.AddInt32(&calls, 1); <-release; return 42, nil }
	a, b, c := sf.DoChan("key", fetch), sf.DoChan("key", fetch), sf.DoChan("key", fetch)
	close(release)
	ra, rb, rc := <-a, <-b, <-c
	fmt.Println("singleflight:", ra.Val, rb.Val, rc.Val, "shared:", ra.Shared, "calls:", atomic.LoadInt32(&calls))

	lim := rate.NewLimiter(rate.Every(time.Millisecond), 2)
	fmt.Println("burst:", lim.Allow(), lim.Allow(), "limit:", lim.Limit(), "burst size:", lim.Burst())
	fmt.Println("wait:", lim.Wait(context.Background()))
}
