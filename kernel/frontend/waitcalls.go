package frontend

// waitCalls are the methods whose call, as a statement, can wait for
// another goroutine (passSites gives it a site): a lock, a Wait, and the
// bundled modules' errgroup.(*Group).Go (with a limit) and
// semaphore.(*Weighted).Acquire, which wait in compiled code whose stack
// cannot name the caller's line. The table is matched by name only, as the
// rest of waitsAt. It lives outside the pass files because "Go" is also a
// runtime name (RTGo), which no pass may spell
// (TestRuntimeNamesDeclaredOnce); here it is errgroup's method.
var waitCalls = map[string]bool{"Lock": true, "RLock": true, "Wait": true, "Go": true, "Acquire": true}
